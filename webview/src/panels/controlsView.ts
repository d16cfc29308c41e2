import type { ChangeRecord } from '../../../src/core/run/changeRecords';
import { describeChange } from '../../../src/core/run/describeChange';
import type { ControlsState } from '../../../src/core/train/liveControls';
import { MAX_ADVANCE_STEPS } from '../../../src/protocol/dashboardLimits';
import type { DashboardToHost } from '../../../src/protocol/dashboardMessages';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { button } from '../ui/button';
import { card, element, setHidden, setText } from '../ui/dom';
import { explainer } from '../ui/explainer';
import { formatCount } from '../ui/format';
import { NumberField } from '../ui/numberField';

type Post = (message: DashboardToHost) => void;

/** A long session's list stays readable; the run's metrics.jsonl holds them all. */
const shownChanges = 50;

/**
 * GAN Lab's hands-on controls for a live run: each player's learning rate and updates per step (a
 * GAN's k), the objective's weights, and "train one player alone for N steps". Every change is
 * recorded in the run, listed here and marked on the charts; a resume replays them.
 */
export class ControlsView implements DashboardView {
  readonly root: HTMLElement;
  private readonly table = element('div', { className: 'controls-table' });
  private readonly alone = element('div', { className: 'controls-alone' });
  private readonly aloneStatus = element('p', { className: 'controls-status', attributes: { role: 'status' } });
  private readonly history = element('ol', { className: 'change-history' });
  private readonly historyHeading = element('h3', { text: 'Changes made in this run' });
  private readonly playerSelect = element('select', { className: 'speed-select', attributes: { 'aria-label': 'Player to train alone' } });
  private readonly fields = new Map<string, NumberField>();
  private aloneSteps = 20;
  private rowsKey = '';
  private paused = false;

  constructor(private readonly post: Post) {
    const { root, body } = card('Live controls', 'controls-card');
    this.root = root;
    const steps = new NumberField('for', { min: 1, max: MAX_ADVANCE_STEPS, integer: true }, (value) => { this.aloneSteps = value; },
      'How many steps the chosen player trains alone (the others are held: their losses are still measured)');
    steps.show(this.aloneSteps);
    this.alone.append(element('span', { className: 'control', text: 'Train only' }), this.playerSelect, steps.root,
      element('span', { className: 'control', text: 'steps' }),
      button('Train Alone', 'Hold the other players for these steps; a paused run trains them now', () => this.trainAlone(), true));
    body.append(explainer('Change the game while it trains, as in GAN Lab: each player\'s learning rate and how many updates it '
      + 'makes per step (k for the discriminator), the objective\'s weights, or let one player train alone for a few steps. A change '
      + 'applies from the next step; each is recorded in the run (metrics.jsonl), marked on the charts by a blue rule, and replayed '
      + 'when the run is resumed.'), this.table, this.alone, this.aloneStatus, this.historyHeading, this.history);
    root.hidden = true;
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!changes.header && !changes.changes) return;
    const header = state.header;
    const live = header?.live === true && (header.status === 'running' || header.status === 'paused') ? header.controls : undefined;
    this.paused = header?.status === 'paused';
    if (changes.changes) this.showHistory(state.changes);
    for (const part of [this.table, this.alone, this.aloneStatus]) setHidden(part, live === undefined);
    if (live !== undefined && header !== undefined) this.showLive(live, header.step);
    setHidden(this.root, live === undefined && state.changes.length === 0);
  }

  private showLive(controls: ControlsState, step: number): void {
    const key = JSON.stringify([controls.players.map((player) => player.name), controls.weights.map((weight) => weight.name)]);
    if (key !== this.rowsKey) this.buildRows(controls);
    this.rowsKey = key;
    for (const player of controls.players) {
      this.fields.get(`rate:${player.name}`)?.show(player.learningRate);
      this.fields.get(`updates:${player.name}`)?.show(player.updates);
    }
    for (const weight of controls.weights) this.fields.get(`weight:${weight.name}`)?.show(weight.value);
    // The trainer reports its settings when they change, not when a hold runs out: the step says that.
    const only = controls.only !== undefined && step < controls.only.untilStep ? controls.only : undefined;
    setText(this.aloneStatus, only ? `Only the ${only.player} trains, until step ${formatCount(only.untilStep)}.` : '');
    setHidden(this.aloneStatus, only === undefined);
  }

  private buildRows(controls: ControlsState): void {
    this.fields.clear();
    const rows = controls.players.map((player) => {
      const rate = new NumberField('learning rate', { min: 0, max: 10, aboveMin: true },
        (value) => this.tune({ kind: 'learningRate', player: player.name, value }), `Configured: ${player.configuredLearningRate}`);
      const updates = new NumberField('updates per step', { min: 1, max: 100, integer: true },
        (value) => this.tune({ kind: 'updates', player: player.name, value }), `Configured: ${player.configuredUpdates}`);
      this.fields.set(`rate:${player.name}`, rate);
      this.fields.set(`updates:${player.name}`, updates);
      return element('div', { className: 'controls-row' }, [element('span', { className: 'controls-name', text: player.name }), rate.root, updates.root]);
    });
    const weights = controls.weights.map((weight) => {
      const field = new NumberField(weight.label, { min: 0, max: 1e6 }, (value) => this.tune({ kind: 'weight', name: weight.name, value }),
        `Configured: ${weight.configured}`);
      this.fields.set(`weight:${weight.name}`, field);
      return element('div', { className: 'controls-row' }, [element('span', { className: 'controls-name', text: 'objective' }), field.root]);
    });
    this.table.replaceChildren(...rows, ...weights);
    const chosen = this.playerSelect.value;
    this.playerSelect.replaceChildren(...controls.players.map((player) => element('option', { text: player.name, attributes: { value: player.name } })));
    if (controls.players.some((player) => player.name === chosen)) this.playerSelect.value = chosen;
  }

  private tune(change: Extract<DashboardToHost, { type: 'tune' }>['change']): void {
    this.post({ type: 'tune', change });
  }

  private trainAlone(): void {
    const player = this.playerSelect.value;
    if (!player) return;
    this.tune({ kind: 'only', player, steps: this.aloneSteps });
    // A paused run would hold the change until resumed: GAN Lab's step button trains those steps now.
    if (this.paused) this.post({ type: 'advance', steps: this.aloneSteps });
  }

  private showHistory(records: readonly ChangeRecord[]): void {
    const newest = records.slice(-shownChanges).reverse();
    this.history.replaceChildren(...newest.map((record) => element('li', { text: `step ${formatCount(record.step)}: ${describeChange(record.change)}` })));
    setHidden(this.history, newest.length === 0);
    setHidden(this.historyHeading, newest.length === 0);
  }
}
