import { ganHistogramKey, histogramKeyOf, type HistogramKey } from '../../../src/core/run/histogramKeys';
import type { HistogramRecord } from '../../../src/core/run/records';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { CanvasSurface } from '../ui/canvasSurface';
import { explainer } from '../ui/explainer';
import { card, element, setHidden, setText } from '../ui/dom';
import { KeyedCards } from '../ui/keyedCards';
import { formatValue } from '../ui/format';
import type { Palette } from '../ui/palette';
import { legendEntry } from '../ui/legend';
import type { StepCursor } from '../state/stepCursor';
import { StepScrubber } from '../ui/stepScrubber';
import { drawDistributions } from './drawDistributions';
import { drawHistogram } from './drawHistogram';

/** One histogram view's card: D's outputs on its real and generated inputs at one logged step. */
class HistogramCard {
  readonly root: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly surface: CanvasSurface;
  private readonly scrubber: StepScrubber;
  private readonly empty = element('p', { className: 'empty', text: 'No histograms logged yet.' });
  private readonly realLegend = legendEntry('blue', '');
  private readonly fakeLegend = legendEntry('orange', '');
  private records: readonly HistogramRecord[] = [];
  /** TensorBoard's two views of histograms: one step at a time, or every step's distribution over time. */
  private readonly overTime: HTMLInputElement;

  constructor(view: string, private readonly palette: () => Palette, cursor: StepCursor) {
    const { root, body, heading } = card('', `histogram-card histogram-${view}`);
    this.root = root;
    this.heading = heading;
    this.scrubber = new StepScrubber({ label: 'Histogram step', playable: false, cursor, onChange: (index) => this.show(index) });
    this.overTime = element('input', { attributes: { type: 'checkbox', id: `histogram-over-time-${view}` } });
    this.overTime.addEventListener('change', () => this.show(this.scrubber.shownIndex));
    const overTimeLabel = element('label', { className: 'control checkbox', attributes: { for: this.overTime.id, title: 'Every logged step\'s distribution: bands hold the middle 86 %, 68 % and 38 % of the outputs, the line is the median' } },
      [this.overTime, document.createTextNode('Over time')]);
    body.append(explainer('How D scores each real example (blue) and each generated one (orange) at one step, as shares of the '
      + 'batch; the dashed lines are the means. Two separate humps: D tells them apart. Overlapping humps: G\'s samples fool D, '
      + 'which is where a GAN\'s game settles. "Over time" shows every logged step at once: shaded bands hold the middle of each '
      + 'distribution (darker nearer the median, the line) and the dashed rule marks the step the other views show.'),
    element('div', { className: 'legend' }, [this.realLegend.root, this.fakeLegend.root, overTimeLabel]), this.empty);
    this.surface = new CanvasSurface(body, 'Histogram of discriminator outputs', () => 200);
    body.append(this.scrubber.element);
  }

  dispose(): void {
    this.scrubber.dispose();
  }

  /** `records`: this view's, oldest first (none: the card says nothing is logged yet). */
  update(key: HistogramKey, records: readonly HistogramRecord[], redraw: boolean): void {
    setText(this.heading, key.title);
    this.root.setAttribute('aria-label', key.title);
    if (records.length !== this.records.length || records.at(-1) !== this.records.at(-1)) {
      this.records = records;
      this.scrubber.setSteps(records.map((record) => record.step));
      redraw = true;
    }
    setHidden(this.empty, records.length > 0);
    if (redraw) this.show(this.scrubber.shownIndex);
  }

  private show(index: number): void {
    const record = this.records[index];
    if (record === undefined) return;
    const { realLabel, fakeLabel } = histogramKeyOf(record);
    setText(this.realLegend.text, `${realLabel} — mean ${formatValue(record.realMean)}`);
    setText(this.fakeLegend.text, `${fakeLabel} — mean ${formatValue(record.fakeMean)}`);
    const over = this.overTime.checked;
    this.surface.canvas.setAttribute('aria-label', over ? 'Distributions of discriminator outputs over steps' : 'Histogram of discriminator outputs');
    this.root.dataset.view = over ? 'over-time' : 'one-step';
    this.surface.draw((context, width, height) => (over
      ? drawDistributions(context, this.records, record.step, this.palette(), width, height)
      : drawHistogram(context, record, this.palette(), width, height)));
  }
}

/**
 * A card per histogram view the run logs (a GAN has one; VAE-GAN's D is shown prior samples and
 * reconstructions), in the order they first appear. A run with a discriminator that has logged none
 * yet shows one empty card; a family without a discriminator (the VAE) shows none.
 */
export class HistogramView implements DashboardView {
  /** Where the cards go among the grid's: a comment takes no grid cell. */
  readonly anchor = document.createComment('histogram cards');
  private readonly cards = new KeyedCards<HistogramCard>(this.anchor);

  constructor(parent: HTMLElement, private readonly palette: () => Palette, private readonly cursor: StepCursor) {
    parent.appendChild(this.anchor);
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!(changes.header || changes.histograms || changes.theme)) return;
    // A critic's checkpoint name starts with "discriminator" (a GAN's one, CycleGAN's discriminatorA and discriminatorB).
    const judged = state.header?.networks === undefined || state.header.networks.some((name) => name.startsWith('discriminator'));
    // Without a discriminator there are no D outputs to show, whatever lines a folder holds.
    const views = judged ? groupByView(state.histograms) : new Map<string, ViewRecords>();
    if (views.size === 0 && judged) views.set(ganHistogramKey.view, { key: ganHistogramKey, records: [] });
    for (const [histogramCard, { key, records }] of this.cards.place(views, (name) => new HistogramCard(name, this.palette, this.cursor))) {
      histogramCard.update(key, records, changes.theme);
    }
  }
}

interface ViewRecords { readonly key: HistogramKey; readonly records: HistogramRecord[] }

function groupByView(records: readonly HistogramRecord[]): Map<string, ViewRecords> {
  const views = new Map<string, ViewRecords>();
  for (const record of records) {
    const key = histogramKeyOf(record);
    const view = views.get(key.view);
    if (view) view.records.push(record);
    else views.set(key.view, { key, records: [record] });
  }
  return views;
}
