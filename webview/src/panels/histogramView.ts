import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { CanvasSurface } from '../ui/canvasSurface';
import { card, element, setHidden, setText } from '../ui/dom';
import { formatValue } from '../ui/format';
import type { Palette } from '../ui/palette';
import { legendEntry } from '../ui/legend';
import { StepScrubber } from '../ui/stepScrubber';
import { drawHistogram } from './drawHistogram';

/** Histograms of D's outputs on real and generated samples at one logged step. */
export class HistogramView implements DashboardView {
  private readonly root: HTMLElement;
  private readonly surface: CanvasSurface;
  private readonly scrubber: StepScrubber;
  private readonly empty = element('p', { className: 'empty', text: 'No histograms logged yet.' });
  private readonly realLegend = legendEntry('blue', 'D(x), real');
  private readonly fakeLegend = legendEntry('orange', 'D(G(z)), generated');
  private state: DashboardState | undefined;

  constructor(parent: HTMLElement, private readonly palette: () => Palette) {
    const { root, body } = card('D outputs: real vs generated', 'histogram-card');
    this.root = root;
    this.scrubber = new StepScrubber({ label: 'Histogram step', playable: false, onChange: (index) => this.show(index) });
    body.append(element('div', { className: 'legend' }, [this.realLegend.root, this.fakeLegend.root]), this.empty);
    this.surface = new CanvasSurface(body, 'Histogram of discriminator outputs', () => 200);
    body.append(this.scrubber.element);
    parent.appendChild(root);
  }

  render(state: DashboardState, changes: StateChanges): void {
    this.state = state;
    // A family without a discriminator (the VAE) has no D outputs to show.
    if (changes.header) setHidden(this.root, state.header?.networks !== undefined && !state.header.networks.includes('discriminator'));
    if (changes.histograms) this.scrubber.setSteps(state.histograms.map((record) => record.step));
    if (changes.histograms || changes.theme) this.show(this.scrubber.shownIndex);
    setHidden(this.empty, state.histograms.length > 0);
  }

  private show(index: number): void {
    const record = this.state?.histograms[index];
    if (record === undefined) return;
    setText(this.realLegend.text, `D(x), real — mean ${formatValue(record.realMean)}`);
    setText(this.fakeLegend.text, `D(G(z)), generated — mean ${formatValue(record.fakeMean)}`);
    this.surface.draw((context, width, height) => drawHistogram(context, record, this.palette(), width, height));
  }
}
