import type { Scalar } from '@tensorflow/tfjs-core';
import { readAndFree } from '../backend/reads';
import { tf } from '../backend/tf';
import type { Loss, Player, TrainingPlan } from '../families/player';
import { applyGradients } from '../optim/gradients';
import { scaleLearningRate } from '../optim/learningRateDecay';
import type { LiveControls } from './liveControls';

/** One update of `player`: its loss, parts and gradient norm as kept scalars by metric name (the caller frees them). */
export function updatePlayer(player: Player, step: number, held = false): Record<string, Scalar> {
  return tf.tidy(() => {
    const loss = player.prepare(step);
    if (held || (player.active && !player.active())) return heldPlayer(player, loss);
    const parts: Record<string, Scalar> = {};
    const applied = applyGradients(player.optimizer, () => {
      const { total, parts: named } = loss();
      for (const [name, value] of Object.entries(named)) parts[name] = tf.keep(value);
      return total;
    }, player.variables);
    player.afterUpdate?.();
    return { [player.metrics.loss]: applied.loss, [player.metrics.gradNorm]: applied.norm, ...parts };
  });
}

/**
 * A player its gating holds this iteration: its loss measured as an update would (so what gates it
 * stays current), nothing applied, a gradient norm of 0.
 */
function heldPlayer(player: Player, loss: () => Loss): Record<string, Scalar> {
  const { total, parts } = loss();
  return { [player.metrics.loss]: total, [player.metrics.gradNorm]: tf.scalar(0), ...parts };
}

/** Reads scalars to numbers in one asynchronous read (stacked: one read per step, not per value), then frees them. */
export async function readScalars(values: Readonly<Record<string, Scalar>>): Promise<Record<string, number>> {
  const names = Object.keys(values);
  try {
    const [read] = await readAndFree(tf.stack(names.map((name) => values[name]!)));
    return Object.fromEntries(names.map((name, i) => [name, read[i]!]));
  } finally {
    tf.dispose(Object.values(values));
  }
}

/**
 * One iteration of a family's game: each player's updates in order (at `learningRateShare` of
 * their rates), then the plan's bookkeeping. `controls` are the hand-made changes (rates, updates,
 * a player trained alone). A held player is measured once, not updated.
 * Returns the numbers of each player's last update, by metric name.
 */
export async function runIteration(plan: TrainingPlan, step: number, learningRateShare = 1, controls?: LiveControls): Promise<Record<string, number>> {
  const latest: Record<string, Scalar> = {};
  try {
    for (const player of plan.players) {
      scaleLearningRate(player.optimizer, learningRateShare * (controls?.rateShare(player) ?? 1));
      const held = controls?.holds(player, step) ?? false;
      const updates = held ? 1 : controls?.updatesOf(player) ?? player.updates;
      for (let k = 0; k < updates; k++) {
        for (const [name, value] of Object.entries(updatePlayer(player, step, held))) {
          latest[name]?.dispose();
          latest[name] = value;
        }
      }
    }
    plan.afterIteration?.(step + 1);
  } catch (error) {
    tf.dispose(Object.values(latest));
    throw error;
  }
  const values = await readScalars(latest);
  plan.observe?.(values);
  return values;
}

/** The first loss or gradient norm that is not finite, named for the message ("generator loss", NaN). */
export function firstNonFinite(plan: TrainingPlan, values: Readonly<Record<string, number>>): [string, number] | undefined {
  const watched = [
    ...plan.players.map((player) => [`${player.name} loss`, values[player.metrics.loss]] as const),
    ...plan.players.map((player) => [`${player.name} gradient norm`, values[player.metrics.gradNorm]] as const),
  ];
  const bad = watched.find(([, value]) => value === undefined || !Number.isFinite(value));
  return bad && [bad[0], bad[1] ?? NaN];
}
