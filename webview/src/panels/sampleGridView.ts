import type { SampleFrame } from '../../../src/protocol/dashboardMessages';
import { KeyedCards } from '../ui/keyedCards';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { explainer, setExplainer } from '../ui/explainer';
import { card, element, setHidden } from '../ui/dom';
import type { StepCursor } from '../state/stepCursor';
import { StepScrubber } from '../ui/stepScrubber';

/** A card of saved pictures, one step at a time, with a scrubber that can play their evolution. */
export class FramesCard {
  readonly root: HTMLElement;
  private readonly image = element('img', { className: 'sample-grid' });
  private readonly empty: HTMLElement;
  private readonly scrubber: StepScrubber;
  private frames: readonly SampleFrame[] = [];
  private readonly heading: HTMLElement;
  private readonly body: HTMLElement;

  constructor(title: string, className: string, private what: string, cursor: StepCursor, description?: string, explanation?: string) {
    const { root, body, heading } = card(title, className);
    this.root = root;
    this.heading = heading;
    this.body = body;
    this.empty = element('p', { className: 'empty', text: `No ${what} saved yet.` });
    this.scrubber = new StepScrubber({ label: `${title} step`, playable: true, framesPerSecond: 8, cursor, onChange: (index) => this.show(index) });
    this.image.hidden = true;
    if (explanation) body.append(explainer(explanation));
    if (description) body.append(element('p', { className: 'card-description', text: description }));
    body.append(this.empty, element('div', { className: 'sample-frame' }, [this.image]), this.scrubber.element);
  }

  dispose(): void {
    this.scrubber.dispose();
  }

  /** Names what the card shows, when the run says (a family without a generator saves its own picture). */
  retitle(title: string, explanation: string): void {
    this.heading.textContent = title;
    this.root.setAttribute('aria-label', title);
    this.what = title;
    this.empty.textContent = `No ${title.toLowerCase()} saved yet.`;
    setExplainer(this.body, explanation);
  }

  /** The step of the picture on show. */
  get shownStep(): number | undefined {
    return this.scrubber.shownStep;
  }

  setFrames(frames: readonly SampleFrame[]): void {
    this.frames = frames;
    this.scrubber.setSteps(frames.map((frame) => frame.step));
    this.show(this.scrubber.shownIndex);
    setHidden(this.empty, frames.length > 0);
    setHidden(this.image, frames.length === 0);
  }

  private show(index: number): void {
    const frame = this.frames[index];
    if (frame === undefined) return;
    if (this.image.getAttribute('src') !== frame.uri) this.image.setAttribute('src', frame.uri);
    this.image.setAttribute('alt', `${this.what} at step ${frame.step}`);
  }
}

/** The sample grid of one saved step (the run's fixed noise). */
export class SampleGridView implements DashboardView {
  private readonly frames: FramesCard;
  readonly root: HTMLElement;

  constructor(parent: HTMLElement, cursor: StepCursor) {
    this.frames = new FramesCard('Samples', 'samples-card', 'Generated samples', cursor, undefined,
      'G\'s output for the same fixed noise at every saved step, so what changes is G learning, not new noise. Play steps '
      + 'through them, and every other view with them. For 2D data the picture is G\'s samples (orange) over the real points (blue).');
    this.root = this.frames.root;
    parent.appendChild(this.frames.root);
  }

  /** The step of the grid on show: what "Snapshot to note" inserts. */
  get shownStep(): number | undefined {
    return this.frames.shownStep;
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (changes.header && state.header) this.root.dataset.dataKind = state.header.dataKind;
    const picture = changes.header ? state.header?.picture : undefined;
    if (picture) this.frames.retitle(picture.title, picture.description);
    if (changes.samples) this.frames.setFrames(state.samples);
  }
}

/** One card per sample view of the run's family (BiGAN's reconstructions), after the grid. */
export class SampleViewsView implements DashboardView {
  private readonly cards: KeyedCards<FramesCard>;

  /** `after`: the card the views follow (the sample grid's). */
  constructor(after: HTMLElement, private readonly cursor: StepCursor) {
    this.cards = new KeyedCards(after);
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!(changes.header || changes.views)) return;
    const views = new Map((state.header?.views ?? []).map((view) => [view.name, view]));
    const placed = this.cards.place(views, (name, view) => new FramesCard(view.title, `view-card view-${name}`, view.title, this.cursor, view.description));
    for (const [frames, view] of placed) frames.setFrames(state.views[view.name] ?? []);
  }
}
