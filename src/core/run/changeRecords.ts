import { z } from 'zod';

/**
 * A change made by hand while a run trains (GAN Lab's live controls): a player's learning rate or
 * updates per iteration (k for a GAN's discriminator), an objective's weight, or "train only this
 * player for N iterations". Recorded in metrics.jsonl at the step it took effect from, so charts
 * mark it and a resume replays it (README, "Live controls").
 */
export const liveChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('learningRate'), player: z.string().min(1).max(40), value: z.number().positive().max(10) }).readonly(),
  z.object({ kind: z.literal('updates'), player: z.string().min(1).max(40), value: z.int().min(1).max(100) }).readonly(),
  z.object({ kind: z.literal('weight'), name: z.string().min(1).max(40), value: z.number().nonnegative().max(1e6) }).readonly(),
  /** The other players are held (their losses still measured and logged) for the next `steps` iterations. */
  z.object({ kind: z.literal('only'), player: z.string().min(1).max(40), steps: z.int().min(1).max(1_000_000) }).readonly(),
]);
export type LiveChange = z.output<typeof liveChangeSchema>;

/** A live change as metrics.jsonl holds it: `step` is how many iterations were done when it took effect. */
export const changeRecordSchema = z.object({
  type: z.literal('change'),
  step: z.int().nonnegative(),
  time: z.string(),
  change: liveChangeSchema,
}).readonly();
export type ChangeRecord = z.output<typeof changeRecordSchema>;

export function isChangeRecord(value: unknown): value is ChangeRecord {
  return changeRecordSchema.safeParse(value).success;
}
