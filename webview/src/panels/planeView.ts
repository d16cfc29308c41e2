import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import type { FieldRecord } from '../../../src/core/run/records';
import type { StepCursor } from '../state/stepCursor';
import { CanvasSurface } from '../ui/canvasSurface';
import { StepScrubber } from '../ui/stepScrubber';
import { explainer } from '../ui/explainer';
import { card, element, setHidden, setText } from '../ui/dom';
import { formatCount, formatValue } from '../ui/format';
import { legendEntry } from '../ui/legend';
import type { Palette } from '../ui/palette';
import { drawPlane } from './drawPlane';
import { heatScale, paintCells } from './heatScale';

/** The 2D data plane (point datasets only): D's decision surface, real and generated points, G's pull. */
export class PlaneView implements DashboardView {
  readonly root: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly surface: CanvasSurface;
  private readonly scaleBar = element('canvas', { className: 'scale-bar', attributes: { width: '120', height: '10', 'aria-hidden': 'true' } });
  private readonly scaleLow = element('span', { className: 'scale-label' });
  private readonly scaleHigh = element('span', { className: 'scale-label' });
  private readonly scaleName = element('span', { text: 'D score' });
  private readonly scrubber: StepScrubber;
  private fields: readonly FieldRecord[] = [];
  private aspect = 1;

  constructor(parent: HTMLElement, private readonly palette: () => Palette, cursor: StepCursor) {
    const { root, body, heading } = card('Data plane', 'plane-card');
    this.root = root;
    this.heading = heading;
    const legend = element('div', { className: 'legend' }, [
      legendEntry('blue', 'real', 'dot').root,
      legendEntry('orange', 'generated', 'dot').root,
      legendEntry('foreground', 'G’s gradient (scaled)', 'arrow').root,
      element('span', { className: 'legend-entry' }, [this.scaleName, this.scaleLow, this.scaleBar, this.scaleHigh]),
    ]);
    body.append(explainer('The 2D data plane at one step. Blue dots are real data, orange dots G\'s samples from fixed noise, and '
      + 'each white line points where G\'s gradient pushes that sample (scaled). The background colours the plane by the scale '
      + 'bar\'s quantity; for a GAN, D\'s score: high where D says "real", low where it says "generated". G\'s samples climb '
      + 'towards high scores, and D reshapes the surface each step. A real mode with no orange dots near it is one G misses.'), legend);
    const frame = element('div', { className: 'plane-frame' });
    body.appendChild(frame);
    this.surface = new CanvasSurface(frame, 'Discriminator scores over the data plane with real and generated points', (width) => width * this.aspect);
    this.scrubber = new StepScrubber({ label: 'Data plane step', playable: false, cursor, onChange: () => this.draw() });
    body.appendChild(this.scrubber.element);
    root.hidden = true;
    parent.appendChild(root);
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!(changes.fields || changes.header || changes.theme)) return;
    const applies = state.header?.dataKind === 'points' && state.fields.length > 0;
    setHidden(this.root, !applies);
    if (!applies) return;
    if (changes.fields) {
      this.fields = [...state.fields];
      this.scrubber.setSteps(this.fields.map((field) => field.step));
    }
    this.draw();
  }

  /** The plane at the dashboard's step cursor (its last record at or before it). */
  private draw(): void {
    const field = this.fields[this.scrubber.shownIndex];
    if (field === undefined) return;
    const { bounds } = field;
    this.aspect = (bounds.yMax - bounds.yMin) / (bounds.xMax - bounds.xMin || 1) || 1;
    setText(this.heading, `Data plane — step ${formatCount(field.step)}`);
    // A family colours the plane by its own quantity (BiGAN: the encoder's code); D's score otherwise.
    setText(this.scaleName, field.scoreLabel ?? 'D score');
    setText(this.scaleLow, formatValue(field.scoreRange[0]));
    setText(this.scaleHigh, formatValue(field.scoreRange[1]));
    const palette = this.palette();
    const ramp = Array.from({ length: 120 }, (_, index) => index / 119);
    this.scaleBar.getContext('2d')?.drawImage(paintCells(ramp, 120, [0, 1], heatScale(palette)), 0, 0, 120, 10);
    this.surface.draw((context, width, height) => drawPlane(context, field, palette, width, height));
  }
}
