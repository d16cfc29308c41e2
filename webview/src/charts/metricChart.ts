import uPlot from 'uplot';
import { noChanges } from '../state/dashboardState';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import type { XAxisChoice, XAxisMode } from '../state/xAxisChoice';
import type { Palette } from '../ui/palette';
import { element, setHidden, setText } from '../ui/dom';
import { formatCount } from '../ui/format';
import { legendEntry } from '../ui/legend';
import { chartToolbar } from './chartToolbar';
import type { ChartSettings } from './chartToolbar';
import { makeLegendKeyboardAccessible, trackHiddenSeries } from './legendKeyboard';
import { plotOptions } from './plotOptions';
import type { PlotLine } from './plotOptions';
import { headlineSeries, seriesColours, type SeriesSpec } from './seriesSpecs';
import { SmoothedSeries } from './smoothedSeries';
import { buildOverlay, joinOverlay } from './compareOverlay';
import type { Overlay } from './compareOverlay';
import { drawMarkers, liveChangeMarkers, type ChartMarker } from './diagnosticMarkers';
import { metricXAxis, xOfStep, xValues, type TimedSteps } from './xAxis';
import { xAxisSelect } from './xAxisSelect';

export interface MetricChartConfig {
  readonly label: string;
  /** The lines it may draw (those the run logs are drawn), from the run's catalogue. */
  readonly series: (state: DashboardState) => readonly SeriesSpec[];
  readonly offerLogScale: boolean;
  /** Draw other runs' losses (the compare selection) over this chart. */
  readonly overlayCompareRuns: boolean;
  readonly yRange?: (state: DashboardState) => readonly [number, number] | undefined;
  /** Steps to mark with a vertical rule, and what the rules mean (a caption under the chart). */
  readonly markers?: { readonly at: (state: DashboardState) => readonly ChartMarker[]; readonly caption: string };
  /** Save the chart's columns (the run's own, not the compared runs') to a file, through the host. */
  readonly exportValues?: (format: 'csv' | 'json', columns: readonly string[]) => void;
}

// Low enough that the losses, the plane or samples and D's outputs fit one laptop screen beside a note.
const chartHeight = 190;

/**
 * A uPlot chart of metric columns, over steps or training time (the dashboard's x-axis choice).
 * New rows extend the smoothed lines and the arrays uPlot already holds; the chart is rebuilt only
 * when its shape changes (series, scale, x axis, overlay, theme).
 */
export class MetricChart implements DashboardView {
  // TensorBoard's default smoothing: losses of single batches are too noisy to read raw.
  private readonly settings: ChartSettings = { smoothing: 0.6, logScale: false };
  private readonly container = element('div', { className: 'chart' });
  private readonly note = element('p', { className: 'chart-note' });
  private readonly markerCaption: HTMLElement | undefined;
  private readonly changeCaption = legendEntry('blue', 'changed by hand (see Live controls)', 'rule').root;
  private markers: readonly ChartMarker[] = [];
  private readonly hiddenLabels = new Set<string>();
  private plot: uPlot | undefined;
  private shapeKey = '';
  private lines: SmoothedSeries[] = [];
  private overlay: Overlay | undefined;
  private linesGeneration = -1;
  private settingsChanged = false;
  private zoomed = false;
  private state: DashboardState | undefined;
  private frameRequested = false;
  private readonly unsubscribe: () => void;

  constructor(parent: HTMLElement, private readonly config: MetricChartConfig, private readonly palette: () => Palette,
    private readonly xAxis: XAxisChoice) {
    const exportValues = config.exportValues;
    const onExport = exportValues && ((format: 'csv' | 'json') => {
      const columns = this.state ? this.drawnSeries(this.state).map((spec) => spec.column) : [];
      if (columns.length > 0) exportValues(format, columns);
    });
    const axisSelect = xAxisSelect(xAxis);
    // Another x changes the overlay's and the markers' places too: redrawn as a smoothing change is.
    this.unsubscribe = xAxis.onChange(() => {
      axisSelect.show();
      this.onSettingsChanged();
    });
    parent.append(chartToolbar(this.settings, config.offerLogScale, () => this.onSettingsChanged(), [axisSelect.root], onExport), this.container, this.note);
    if (config.markers !== undefined) this.markerCaption = legendEntry('red', config.markers.caption, 'rule').root;
    const captions = [...this.markerCaption ? [this.markerCaption] : [], this.changeCaption];
    captions.forEach((caption) => { caption.hidden = true; });
    parent.appendChild(element('div', { className: 'legend marker-legend' }, captions));
    this.container.setAttribute('role', 'img');
    this.container.setAttribute('aria-label', config.label);
    new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: chartHeight })).observe(this.container);
  }

  render(state: DashboardState, changes: StateChanges): void {
    this.state = state;
    if (changes.compareRuns && this.config.overlayCompareRuns) this.overlay = undefined;
    const { markers } = this.config;
    const markersChanged = (markers !== undefined && changes.diagnostics) || changes.changes;
    if (markersChanged) {
      const findings = markers?.at(state) ?? [];
      const changed = liveChangeMarkers(state);
      this.markers = [...findings, ...changed];
      if (this.markerCaption !== undefined) setHidden(this.markerCaption, findings.length === 0);
      setHidden(this.changeCaption, changed.length === 0);
    }
    if (!(changes.metrics || changes.header || changes.theme || changes.compareRuns || markersChanged || this.settingsChanged)) return;
    const table = state.metrics;
    const present = this.drawnSeries(state);
    if (this.settingsChanged || table.generation !== this.linesGeneration || this.lines.length !== present.length) {
      this.lines = present.map(() => new SmoothedSeries(this.settings.smoothing, this.settings.logScale));
      this.linesGeneration = table.generation;
      if (this.settingsChanged) this.overlay = undefined;
      this.settingsChanged = false;
    }
    present.forEach((spec, index) => this.lines[index]?.extend(table.column(spec.column) ?? []));
    const mode = this.xAxis.mode;
    if (this.config.overlayCompareRuns && state.header) this.overlay ??= buildOverlay(state.compareRuns, this.settings, headlineSeries(state.header.metrics), mode);
    const xs = xValues(mode, table);
    const data: uPlot.AlignedData = this.overlay === undefined || this.overlay.lines.length === 0
      ? [xs, ...this.lines.map((line) => line.values)]
      : joinOverlay(xs, this.lines.map((line) => line.values), this.overlay);
    const palette = this.palette();
    const lines: PlotLine[] = [
      ...present.map((spec, index) => ({ label: spec.label, stroke: palette[seriesColours[index % seriesColours.length]!], show: !this.hiddenLabels.has(spec.label) })),
      ...(this.overlay?.lines ?? []).map((line) => ({ ...line, stroke: palette[line.colour], show: !this.hiddenLabels.has(line.label) })),
    ];
    const yRange = this.settings.logScale ? undefined : this.config.yRange?.(state);
    const key = JSON.stringify([lines.map((line) => [line.label, line.stroke]), this.settings.logScale, yRange, mode, palette]);
    if (this.plot === undefined || key !== this.shapeKey || changes.theme) {
      this.createPlot(lines, yRange, data, mode, table);
      this.shapeKey = key;
    } else {
      // batch() draws now rather than in a microtask, so the render measure covers the drawing.
      const plot = this.plot;
      plot.batch(() => plot.setData(data, !this.zoomed));
    }
    this.describe(table.length, mode);
  }

  /** Stops following the x-axis choice (its card is gone). */
  dispose(): void {
    this.unsubscribe();
  }

  /** The configured series the run has logged: what the chart draws, and what its downloads save. */
  private drawnSeries(state: DashboardState): ReturnType<MetricChartConfig['series']> {
    return this.config.series(state).filter((spec) => state.metrics.has(spec.column));
  }

  /** `table` is the run's rows, which grow in place: the x axis and the markers read them as they draw. */
  private createPlot(lines: readonly PlotLine[], yRange: readonly [number, number] | undefined, data: uPlot.AlignedData, mode: XAxisMode, table: TimedSteps): void {
    this.plot?.destroy();
    this.zoomed = false;
    const hooks: uPlot.Hooks.Arrays = {
      setScale: [(plot, key) => {
        if (key !== 'x') return;
        const steps = plot.data[0];
        const scale = plot.scales.x;
        const first = steps[0];
        const last = steps[steps.length - 1];
        this.zoomed = scale !== undefined && first !== undefined && last !== undefined && steps.length > 1
          && ((scale.min ?? -Infinity) > first || (scale.max ?? Infinity) < last);
      }],
      setSeries: [trackHiddenSeries(this.hiddenLabels)],
      // The plot's own mode, not the choice's: a redraw before the rebuild must not move the markers.
      draw: [(plot) => drawMarkers(plot, this.markers, this.palette(), (step) => xOfStep(mode, table, step))],
    };
    const x = metricXAxis(mode, this.palette(), table);
    const options = plotOptions({ width: this.width(), height: chartHeight, lines, logScale: this.settings.logScale, yRange, hooks, x }, this.palette());
    this.plot = new uPlot(options, data, this.container);
    makeLegendKeyboardAccessible(this.plot);
  }

  /** Row count and x axis for tests and assistive technology; and why some values are missing on a log axis. */
  private describe(rows: number, mode: XAxisMode): void {
    this.container.dataset.rows = String(rows);
    this.container.dataset.xAxis = mode;
    this.container.dataset.series = String(this.lines.length + (this.overlay?.lines.length ?? 0));
    const hidden = this.settings.logScale ? this.lines.reduce((sum, line) => sum + line.hiddenByLogScale, 0) : 0;
    const empty = rows === 0;
    setText(this.note, empty ? 'No metrics logged yet.'
      : hidden > 0 ? `${formatCount(hidden)} values ≤ 0 are not shown on the log scale.` : '');
    setHidden(this.note, this.note.textContent === '');
  }

  private onSettingsChanged(): void {
    this.settingsChanged = true;
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      if (this.state !== undefined) this.render(this.state, noChanges());
    });
  }

  private width(): number {
    return Math.max(200, this.container.clientWidth);
  }
}
