import { z } from 'zod';
import type { ChangeRecord, LiveChange } from '../run/changeRecords';
import type { Player, TrainingPlan } from '../families/player';
import { configuredLearningRate } from '../optim/learningRateDecay';

/** What the live controls show: each player's rate and updates, the objective's weights, and a hold in force. */
export const controlsStateSchema = z.object({
  players: z.array(z.object({
    name: z.string(), learningRate: z.number(), configuredLearningRate: z.number(), updates: z.int(), configuredUpdates: z.int(),
  }).readonly()).max(16).readonly(),
  weights: z.array(z.object({ name: z.string(), label: z.string(), value: z.number(), configured: z.number() }).readonly()).max(16).readonly(),
  /** Only this player trains until `untilStep` (the others are held). */
  only: z.object({ player: z.string(), untilStep: z.int().nonnegative() }).readonly().exactOptional(),
}).readonly();
export type ControlsState = z.output<typeof controlsStateSchema>;

/**
 * The run's live settings over its configured ones (GAN Lab's controls): learning rates, updates
 * per iteration, the objective's weights and "train only this player". A resumed run starts from
 * the changes recorded up to its checkpoint and replays the later ones at their steps, so it trains
 * as the original did; a new change drops the replays still pending (the run takes another path).
 */
export class LiveControls {
  private readonly rates = new Map<string, number>();
  private readonly updates = new Map<string, number>();
  private readonly configuredWeights: ReadonlyMap<string, number>;
  private only: { player: string; untilStep: number } | undefined;
  private pending: ChangeRecord[];

  constructor(private readonly plan: TrainingPlan, recorded: readonly ChangeRecord[], startStep: number) {
    this.configuredWeights = new Map(plan.weights?.map((weight) => [weight.name, weight.get()]));
    const sorted = [...recorded].sort((a, b) => a.step - b.step);
    for (const record of sorted.filter((candidate) => candidate.step <= startStep)) this.apply(record.change, record.step);
    this.pending = sorted.filter((candidate) => candidate.step > startStep);
  }

  /** Why the plan cannot take this change (a player or weight it does not have), or undefined. */
  refusal(change: LiveChange): string | undefined {
    if (change.kind === 'weight') {
      const names = this.plan.weights?.map((weight) => weight.name) ?? [];
      return names.includes(change.name) ? undefined : `no weight '${change.name}' to change (this run has: ${names.join(', ') || 'none'})`;
    }
    const names = this.plan.players.map((player) => player.name);
    return names.includes(change.player) ? undefined : `no player '${change.player}' (this run has: ${names.join(', ')})`;
  }

  /** Takes a change from iteration `step` on; the caller checked it with refusal(). */
  apply(change: LiveChange, step: number): void {
    switch (change.kind) {
      case 'learningRate': this.rates.set(change.player, change.value); break;
      case 'updates': this.updates.set(change.player, change.value); break;
      case 'weight': this.plan.weights?.find((weight) => weight.name === change.name)?.set(change.value); break;
      case 'only': this.only = { player: change.player, untilStep: step + change.steps }; break;
    }
  }

  /** The recorded changes due before iteration `step` (a resumed run's replays), taken off the list. */
  takeDue(step: number): ChangeRecord[] {
    const due = this.pending.filter((record) => record.step <= step);
    if (due.length) this.pending = this.pending.filter((record) => record.step > step);
    return due;
  }

  dropPending(): void {
    this.pending = [];
  }

  /** The share of its configured learning rate the player's optimizer uses (before any decay). */
  rateShare(player: Player): number {
    const rate = this.rates.get(player.name);
    return rate === undefined ? 1 : rate / configuredLearningRate(player.optimizer);
  }

  updatesOf(player: Player): number {
    return this.updates.get(player.name) ?? player.updates;
  }

  /** Whether "train only" holds this player at iteration `step`. */
  holds(player: Player, step: number): boolean {
    return this.only !== undefined && step < this.only.untilStep && this.only.player !== player.name;
  }

  state(step: number): ControlsState {
    return {
      players: this.plan.players.map((player) => ({
        name: player.name,
        learningRate: this.rates.get(player.name) ?? configuredLearningRate(player.optimizer),
        configuredLearningRate: configuredLearningRate(player.optimizer),
        updates: this.updatesOf(player), configuredUpdates: player.updates,
      })),
      weights: (this.plan.weights ?? []).map((weight) => ({
        name: weight.name, label: weight.label, value: weight.get(), configured: this.configuredWeights.get(weight.name) ?? weight.get(),
      })),
      ...(this.only && step < this.only.untilStep ? { only: { ...this.only } } : {}),
    };
  }
}
