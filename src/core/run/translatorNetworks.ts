/**
 * The checkpoint names of a translation family's generators (a → b, b → a): the families save them
 * so, and the runs view and the Translate command find a run's translators by them in run.json's
 * `networks`. No zod, no TF.js: the extension host reads this.
 */
export const translatorNetworks = { ab: 'generatorAB', ba: 'generatorBA' } as const;

/** The directions a run with these checkpointed networks can translate in. */
export function translationDirections(networks: readonly string[] | undefined): ('ab' | 'ba')[] {
  return (['ab', 'ba'] as const).filter((direction) => networks?.includes(translatorNetworks[direction]));
}
