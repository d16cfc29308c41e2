import uPlot from 'uplot';
import type { EvaluationRecord } from '../../../src/core/run/evaluationRecords';
import type { XAxisChoice } from '../state/xAxisChoice';
import { element } from '../ui/dom';
import { formatCount, formatPercent, formatValue } from '../ui/format';
import type { Palette } from '../ui/palette';
import { evaluationSeries, familySeries, type EvaluationSeries } from './evaluationSeries';
import { makeLegendKeyboardAccessible, trackHiddenSeries } from './legendKeyboard';
import { lineSeries, stepAxis, themedAxis, xSeries, type PlotLine } from './plotOptions';

const chartHeight = 170;

/**
 * The evaluation figures over steps. Evaluations are few (one every few hundred steps), so the
 * chart is simply rebuilt when they change; the legend's step reading carries each one's cost.
 * It stays on steps when the metric charts draw training time: evaluation records carry no
 * training time (only a wall-clock `time`, which counts pauses), and its axis label says so.
 */
export class EvaluationChart {
  readonly root = element('div', { className: 'evaluation-chart' });
  private readonly hiddenLabels = new Set<string>();
  private plot: uPlot | undefined;
  private rows: readonly EvaluationRecord[] = [];

  constructor(parent: HTMLElement, private readonly palette: () => Palette, private readonly xAxis: XAxisChoice) {
    this.root.setAttribute('role', 'img');
    this.root.setAttribute('aria-label', 'Evaluation figures over steps');
    parent.appendChild(this.root);
    new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: chartHeight })).observe(this.root);
    xAxis.onChange(() => {
      if (this.plot !== undefined) this.draw(this.rows);
    });
  }

  /** `rows` ordered by step. */
  draw(rows: readonly EvaluationRecord[]): void {
    this.rows = rows;
    const present = [...evaluationSeries, ...familySeries(rows)].filter((series) => rows.some((row) => series.value(row) !== undefined));
    const palette = this.palette();
    const lines: PlotLine[] = present.map((series) => ({
      label: series.label, stroke: series.colour === 'muted' ? palette.muted : palette[series.colour], scale: series.scale,
      show: !this.hiddenLabels.has(series.label), points: true,
      format: (_value, row) => {
        const record = rows[row];
        return record === undefined ? '—' : series.format(record);
      },
      ...(series.dash ? { dash: series.dash } : {}),
    }));
    const data: uPlot.AlignedData = [rows.map((row) => row.step), ...present.map((series) => rows.map((row) => series.value(row) ?? null))];
    this.plot?.destroy();
    this.plot = new uPlot(this.options(present, lines, rows), data, this.root);
    makeLegendKeyboardAccessible(this.plot);
    this.root.dataset.rows = String(rows.length);
    this.root.dataset.series = present.map((series) => series.label).join(', ');
  }

  private options(present: readonly EvaluationSeries[], lines: readonly PlotLine[], rows: readonly EvaluationRecord[]): uPlot.Options {
    const palette = this.palette();
    const hasDistance = present.some((series) => series.scale === 'distance');
    const hasShare = present.some((series) => series.scale === 'share');
    const shareAxis: uPlot.Axis = { ...themedAxis(palette, undefined, formatPercent), scale: 'share' };
    const axes = hasDistance
      ? [{ ...themedAxis(palette), scale: 'distance' }, ...(hasShare ? [{ ...shareAxis, side: 1 as const, grid: { show: false } }] : [])]
      : [shareAxis];
    const steps = xSeries('step', (step, row) => rows[row] === undefined ? formatCount(step)
      : `${formatCount(step)} · evaluated in ${formatValue(rows[row].seconds)} s`);
    return {
      width: this.width(), height: chartHeight,
      scales: { x: { time: false }, share: { range: [0, 1] }, distance: { range: (_plot, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [stepAxis(palette, this.xAxis.mode === 'time' ? 'step (evaluations record no training time)' : 'step'), ...axes],
      series: [steps, ...lines.map(lineSeries)],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      hooks: { setSeries: [trackHiddenSeries(this.hiddenLabels)] },
    };
  }

  private width(): number {
    return Math.max(200, this.root.clientWidth);
  }
}
