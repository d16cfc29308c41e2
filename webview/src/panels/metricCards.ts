import type { MetricCatalogue } from '../../../src/core/families/catalogue';
import type { DashboardToHost } from '../../../src/protocol/dashboardMessages';
import { MetricChart } from '../charts/metricChart';
import { groupSeries, headlineGroup } from '../charts/seriesSpecs';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import type { XAxisChoice } from '../state/xAxisChoice';
import { card, element } from '../ui/dom';
import { setExplainer } from '../ui/explainer';
import type { Palette } from '../ui/palette';

/**
 * One card per group of the run's metric catalogue besides the headline group (which has the
 * losses card): a GAN's mean D outputs, gradient norms and instance noise; whatever another family
 * logs. Built when the catalogue arrives or changes; a group the run logs nothing of stays hidden.
 */
export class MetricCards implements DashboardView {
  /** `display: contents`: the cards sit in the dashboard's grid as if they were its own children. */
  readonly root = element('div', { className: 'metric-cards' });
  private catalogueKey = '';
  private cards: { readonly root: HTMLElement; readonly chart: MetricChart; readonly columns: readonly string[] }[] = [];

  constructor(private readonly palette: () => Palette, private readonly post: (message: DashboardToHost) => void,
    private readonly xAxis: XAxisChoice) {}

  render(state: DashboardState, changes: StateChanges): void {
    const catalogue = state.header?.metrics;
    const key = catalogue === undefined ? '' : JSON.stringify(catalogue);
    let drawn = changes;
    if (key !== this.catalogueKey) {
      this.catalogueKey = key;
      this.build(catalogue);
      drawn = { ...changes, header: true, metrics: true, theme: true };
    }
    for (const { root, chart, columns } of this.cards) {
      root.hidden = !columns.some((column) => state.metrics.has(column));
      if (!root.hidden) chart.render(state, drawn);
    }
  }

  private build(catalogue: MetricCatalogue | undefined): void {
    for (const { chart } of this.cards) chart.dispose();
    this.root.replaceChildren();
    const headline = catalogue && headlineGroup(catalogue);
    const groups = catalogue?.groups.filter((group) => group !== headline) ?? [];
    this.cards = groups.map((group, index) => {
      const shown = card(group.title, `metric-card metric-card-${index}`);
      const series = groupSeries(group);
      const probabilities = group.metrics.every((metric) => metric.probability === true);
      const chart = new MetricChart(shown.body, {
        label: group.description, series: () => series, offerLogScale: group.logScale, overlayCompareRuns: false,
        exportValues: (format, columns) => this.post({ type: 'exportMetrics', title: group.title, columns, format }),
        ...(probabilities ? { yRange: () => [0, 1] as const } : {}),
      }, this.palette, this.xAxis);
      setExplainer(shown.body, group.explanation);
      this.root.appendChild(shown.root);
      return { root: shown.root, chart, columns: series.map((spec) => spec.column) };
    });
  }
}
