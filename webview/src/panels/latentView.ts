import type { FieldRecord } from '../../../src/core/run/records';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import type { StepCursor } from '../state/stepCursor';
import { CanvasSurface } from '../ui/canvasSurface';
import { card, element, setHidden, setText } from '../ui/dom';
import { explainer } from '../ui/explainer';
import { formatCount, formatValue } from '../ui/format';
import type { Palette } from '../ui/palette';
import { StepScrubber } from '../ui/stepScrubber';
import { drawLatent } from './drawLatent';

/** GAN Lab's latent-space view beside the plane (2D data): how G maps a lattice over z into the plane, at the step cursor. */
export class LatentView implements DashboardView {
  readonly root: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly caption = element('p', { className: 'card-description' });
  private readonly surface: CanvasSurface;
  private readonly scrubber: StepScrubber;
  private fields: readonly FieldRecord[] = [];

  constructor(private readonly palette: () => Palette, cursor: StepCursor) {
    const { root, body, heading } = card('Latent space', 'latent-card');
    this.root = root;
    this.heading = heading;
    body.append(explainer('G is a function from z (its noise) to the plane. The inset, top left, is a square of z values, each cell '
      + 'coloured by where it sits; the big picture is where G puts each cell, with the real data faintly behind. Cells G stretches '
      + 'cover much of the plane with few samples; cells it squeezes pile many samples on one place; a mesh folded onto a few real '
      + 'modes is mode collapse. Training bends the mesh until its cells sit on the data.'), this.caption);
    const frame = element('div', { className: 'plane-frame' });
    body.appendChild(frame);
    this.surface = new CanvasSurface(frame, 'The generator\'s image of a lattice over its latent space, on the data plane', (width) => width);
    this.scrubber = new StepScrubber({ label: 'Latent space step', playable: false, cursor, onChange: () => this.draw() });
    body.appendChild(this.scrubber.element);
    root.hidden = true;
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!(changes.fields || changes.header || changes.theme)) return;
    const fields = state.header?.dataKind === 'points' ? state.fields.filter((field) => field.latentGrid !== undefined) : [];
    setHidden(this.root, fields.length === 0);
    if (fields.length === 0) return;
    if (changes.fields) {
      this.fields = fields;
      this.scrubber.setSteps(fields.map((field) => field.step));
    }
    this.draw();
  }

  private draw(): void {
    const field = this.fields[this.scrubber.shownIndex];
    const grid = field?.latentGrid;
    if (field === undefined || grid === undefined) return;
    setText(this.heading, `Latent space — step ${formatCount(field.step)}`);
    setText(this.caption, grid.dims === 2
      ? `z₁ and z₂ from −${formatValue(grid.range)} to ${formatValue(grid.range)} (±2σ), the other dimensions of z at 0.`
      : `z from −${formatValue(grid.range)} to ${formatValue(grid.range)} (±2σ): a one-dimensional z draws a line.`);
    const palette = this.palette();
    this.surface.draw((context, width, height) => drawLatent(context, field, grid, palette, width, height));
  }
}
