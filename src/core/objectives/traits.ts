import type { ObjectiveKind } from '../config/objectiveSchema';

/** Objectives whose discriminator outputs a probability (a sigmoid of its logit); the others output unbounded scores. */
const probabilityObjectives: ReadonlySet<string> = new Set<ObjectiveKind>(['minimax', 'non-saturating']);

/** Whether D's displayed output under this objective is a probability (charts then span [0, 1]). Without TF.js: the host reads it. */
export function outputsAreProbabilities(kind: string): boolean {
  return probabilityObjectives.has(kind);
}
