// The dashboard webview's entry: builds the page, then follows the host's messages (`ready` →
// snapshot → numbered updates). Each part is a view that redraws what changed, once per frame.
import 'uplot/dist/uPlot.min.css';
import './styles/dashboard.css';
import type { DashboardToHost } from '../../src/protocol/dashboardMessages';
import { MetricChart } from './charts/metricChart';
import { raisedDiagnosticMarkers } from './charts/diagnosticMarkers';
import { groupSeries, headlineGroup } from './charts/seriesSpecs';
import { CompareView } from './panels/compareView';
import { ControlsView } from './panels/controlsView';
import { DiagnosticsView } from './panels/diagnosticsView';
import { EvaluationView } from './panels/evaluationView';
import { LatentView } from './panels/latentView';
import { HeaderView } from './panels/headerView';
import { HistogramView } from './panels/histogramView';
import { MetricCards } from './panels/metricCards';
import { NoticeView } from './panels/noticeView';
import { PlaneView } from './panels/planeView';
import { SampleGridView, SampleViewsView } from './panels/sampleGridView';
import { CompareRequests } from './state/compareRequests';
import { DashboardStore } from './state/dashboardStore';
import type { DashboardState } from './state/dashboardState';
import { HostChannel } from './state/hostChannel';
import { persistedViews } from './state/persistedViews';
import { StepCursor } from './state/stepCursor';
import { XAxisChoice } from './state/xAxisChoice';
import { card, element, setText } from './ui/dom';
import { setExplainer } from './ui/explainer';
import { readPalette, watchTheme } from './ui/palette';

const vscode = acquireVsCodeApi();
// The host's panel serializer reopens this run from the persisted runDir after a window reload.
const persisted = persistedViews(vscode, document.body.dataset.runDir);
const post = (message: DashboardToHost): void => vscode.postMessage(message);

const store = new DashboardStore();
let palette = readPalette();
const currentPalette = () => palette;
watchTheme(() => {
  palette = readPalette();
  store.themeChanged();
});

const page = element('div', { className: 'dashboard' });
document.body.appendChild(page);
const grid = element('main', { className: 'dashboard-grid' });
// One x axis for every metric chart: switching in one chart's toolbar switches all.
const xAxis = new XAxisChoice(persisted.xAxis.restored, persisted.xAxis.remember);
// One step for every view: scrubbing one moves all ("Latest" makes all follow the newest).
const cursor = new StepCursor();
const samples = new SampleGridView(grid, cursor);
const header = new HeaderView(page, post, () => samples.shownStep);
const notice = new NoticeView(page);
page.appendChild(grid);

// The losses card holds the catalogue's headline group, with the comparison and the findings' markers.
const losses = card('Losses', 'loss-card');
const otherMetrics = new MetricCards(currentPalette, post, xAxis);
// What the run measured and found comes right after the curves, before the samples and histograms.
const evaluation = new EvaluationView(currentPalette, post, xAxis);
const diagnostics = new DiagnosticsView(header.indicators);
const compareRequests = new CompareRequests();
const compare = new CompareView(losses.body, post, compareRequests, () => store.clearCompareRuns(), persisted.compare);
const lossChart = new MetricChart(losses.body,
  {
    label: 'Losses over steps or training time',
    series: (state) => {
      const group = state.header && headlineGroup(state.header.metrics);
      return group ? groupSeries(group) : [];
    },
    offerLogScale: true, overlayCompareRuns: true,
    markers: { at: raisedDiagnosticMarkers, caption: 'failure mode raised (red: error, yellow: warning; see Diagnostics)' },
    exportValues: (format, columns) => post({ type: 'exportMetrics', title: losses.heading.textContent ?? 'Losses', columns, format }),
  },
  currentPalette, xAxis);
const sampleViews = new SampleViewsView(samples.root, cursor);
const histograms = new HistogramView(grid, currentPalette, cursor);
const plane = new PlaneView(grid, currentPalette, cursor);
const latentSpace = new LatentView(currentPalette, cursor);
const controls = new ControlsView(post);

// The grid's order, which is also the reading order: the main views first (the losses, the plane,
// D's outputs, the samples), so they fit one laptop screen beside a note; then the live controls
// (shown while it trains, or once something was changed by hand), what the run measured and found,
// then the other charts.
grid.append(losses.root, plane.root, latentSpace.root, histograms.anchor, samples.root, controls.root, evaluation.root, diagnostics.root, otherMetrics.root);

// The headline group's own title (a GAN's "Losses").
const lossTitle = {
  render: (state: DashboardState) => {
    const group = state.header && headlineGroup(state.header.metrics);
    if (!group) return;
    setText(losses.heading, group.title);
    setExplainer(losses.body, group.explanation);
    // Screen readers name the card by its title, which the family's catalogue chooses.
    losses.root.setAttribute('aria-label', group.title);
  },
};

for (const view of [header, lossTitle, notice, compare, lossChart, otherMetrics, evaluation, diagnostics, samples, sampleViews, histograms, plane, latentSpace, controls]) store.addView(view);

const channel = new HostChannel(store, post, compareRequests);
window.addEventListener('message', (event: MessageEvent<unknown>) => channel.receive(event.data));
post({ type: 'ready' });
