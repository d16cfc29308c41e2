/**
 * Whether a run whose checkpoints hold these networks learned a generator (a GAN's `generator`, a
 * translator's `generatorAB`): DANN's hold classifiers only. A run from before run.json listed its
 * networks had one.
 */
export function learnsGenerator(networks: readonly string[] | undefined): boolean {
  return networks?.some((name) => name.startsWith('generator')) ?? true;
}
