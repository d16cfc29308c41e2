/** Two loss curves to draw small: D and G loss at the same steps. */
import { escapeHtml } from '../html';

export interface LossSeries {
  /** The run's headline pair (a GAN's D and G loss), in the catalogue's order. */
  readonly first: readonly number[];
  readonly second: readonly number[];
  /** The curves are a sample of a metrics.jsonl this large, not every line of it. */
  readonly sampledFromBytes?: number;
}

const WIDTH = 160;
const HEIGHT = 32;

/** At most `points` values: the mean of each equal run of the series, so the shape survives. */
export function downsample(values: readonly number[], points: number): number[] {
  if (values.length <= points) return [...values];
  const out: number[] = [];
  for (let bucket = 0; bucket < points; bucket++) {
    const from = Math.floor((bucket * values.length) / points);
    const to = Math.floor(((bucket + 1) * values.length) / points);
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i] ?? 0;
    out.push(sum / Math.max(1, to - from));
  }
  return out;
}

/**
 * An inline SVG of the headline pair (blue, orange: a GAN's D and G loss) on one shared scale:
 * numbers only, and labels escaped, so nothing from a run file can reach the markup as markup.
 */
export function lossSparkline(series: LossSeries, labels: readonly [string, string]): string {
  const finite = [...series.first, ...series.second].filter(Number.isFinite);
  if (finite.length < 2) return '';
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || 1;
  const line = (values: readonly number[], colour: string) => {
    const usable = values.filter(Number.isFinite);
    if (usable.length < 2) return '';
    const points = usable.map((value, i) =>
      `${((i / (usable.length - 1)) * WIDTH).toFixed(1)},${(HEIGHT - 1 - ((value - lo) / span) * (HEIGHT - 2)).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${points}"/>`;
  };
  return `<svg class="gan-sparkline" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" ` +
    `aria-label="${escapeHtml(`${labels[0]} (blue) and ${labels[1]} (orange) over the run`)}">`
    + `${line(series.first, '#3794ff')}${line(series.second, '#e8590c')}</svg>`
    + legend(series, labels, lo, hi);
}

/** Which curve is which, their latest values and the shared scale: a sparkline alone says none of it. */
function legend(series: LossSeries, labels: readonly [string, string], lo: number, hi: number): string {
  const latest = (values: readonly number[]) => values.filter(Number.isFinite).at(-1);
  const entry = (which: 'first' | 'second', label: string, value: number | undefined) =>
    `<span class="gan-swatch gan-swatch-${which}"></span>${escapeHtml(label)}${value === undefined ? '' : ` ${short(value)}`}`;
  return `<p class="gan-legend">${entry('first', labels[0], latest(series.first))} ${entry('second', labels[1], latest(series.second))} `
    + `<span class="gan-scale">(latest; scale ${short(lo)}–${short(hi)})</span></p>`;
}

function short(value: number): string {
  return String(Number(value.toPrecision(3)));
}
