import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { card, element, setHidden } from '../ui/dom';
import { StepScrubber } from '../ui/stepScrubber';

/** The sample grid of one saved step (the run's fixed noise), with a scrubber that can play the evolution. */
export class SampleGridView implements DashboardView {
  private readonly image = element('img', { className: 'sample-grid', attributes: { alt: 'Generated samples' } });
  private readonly empty = element('p', { className: 'empty', text: 'No sample grids saved yet.' });
  private readonly scrubber: StepScrubber;
  private state: DashboardState | undefined;

  constructor(parent: HTMLElement) {
    const { root, body } = card('Samples', 'samples-card');
    this.scrubber = new StepScrubber({ label: 'Sample step', playable: true, framesPerSecond: 8, onChange: (index) => this.show(index) });
    this.image.hidden = true;
    body.append(this.empty, element('div', { className: 'sample-frame' }, [this.image]), this.scrubber.element);
    parent.appendChild(root);
  }

  /** The step of the grid on show: what "Snapshot to note" inserts. */
  get shownStep(): number | undefined {
    return this.scrubber.shownStep;
  }

  render(state: DashboardState, changes: StateChanges): void {
    this.state = state;
    if (!changes.samples) return;
    this.scrubber.setSteps(state.samples.map((frame) => frame.step));
    this.show(this.scrubber.shownIndex);
    setHidden(this.empty, state.samples.length > 0);
    setHidden(this.image, state.samples.length === 0);
  }

  private show(index: number): void {
    const frame = this.state?.samples[index];
    if (frame === undefined) return;
    if (this.image.getAttribute('src') !== frame.uri) this.image.setAttribute('src', frame.uri);
    this.image.setAttribute('alt', `Generated samples at step ${frame.step}`);
  }
}
