import type uPlot from 'uplot';

/**
 * uPlot's legend toggles a series on click only. Each entry becomes a focusable switch that
 * Enter or Space toggles, and reports whether its series is shown.
 */
export function makeLegendKeyboardAccessible(plot: uPlot): void {
  const rows = plot.root.querySelectorAll<HTMLTableRowElement>('.u-legend .u-series');
  rows.forEach((row, seriesIndex) => {
    const label = row.querySelector('th');
    // uPlot toggles `show` on this same series object, so the handler can keep it.
    const series = plot.series[seriesIndex];
    if (seriesIndex === 0 || label === null || series === undefined) return;
    label.tabIndex = 0;
    label.setAttribute('role', 'switch');
    label.setAttribute('aria-checked', String(series.show !== false));
    label.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      plot.setSeries(seriesIndex, { show: series.show === false });
    });
  });
}

/** Keeps the switches' state in step with the series (for the setSeries hook). */
export function syncLegendSwitch(plot: uPlot, seriesIndex: number): void {
  const label = plot.root.querySelectorAll('.u-legend .u-series')[seriesIndex]?.querySelector('th');
  const series = plot.series[seriesIndex];
  if (series !== undefined) label?.setAttribute('aria-checked', String(series.show !== false));
}

/**
 * A setSeries hook for charts that are rebuilt when their shape changes: remembers the labels of
 * the series the user switched off, so a rebuilt chart keeps them off, and updates the switches.
 */
export function trackHiddenSeries(hiddenLabels: Set<string>): (plot: uPlot, seriesIndex: number | null) => void {
  return (plot, seriesIndex) => {
    if (seriesIndex === null) return;
    const series = plot.series[seriesIndex];
    if (series === undefined) return;
    const label = String(series.label);
    if (series.show === false) hiddenLabels.add(label);
    else hiddenLabels.delete(label);
    syncLegendSwitch(plot, seriesIndex);
  };
}
