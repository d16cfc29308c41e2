import { EvaluationChart } from '../charts/evaluationChart';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { card, element, setHidden, setText } from '../ui/dom';
import { formatCount, formatValue } from '../ui/format';
import type { Palette } from '../ui/palette';
import { byStep, evaluationFigures, latestEvaluation } from './evaluationFigures';

/**
 * What the run's evaluations say about the generator: the latest figures large, all of them over
 * steps below, and what evaluating cost. Absent until the run has an evaluation.
 */
export class EvaluationView implements DashboardView {
  readonly root: HTMLElement;
  private readonly figures = element('div', { className: 'evaluation-figures', attributes: { role: 'group' } });
  private readonly caption = element('p', { className: 'evaluation-caption' });
  private readonly chart: EvaluationChart;

  constructor(palette: () => Palette) {
    const { root, body } = card('Evaluation', 'evaluation-card');
    this.root = root;
    body.append(this.figures, this.caption);
    this.chart = new EvaluationChart(body, palette);
    root.hidden = true;
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!(changes.evaluations || changes.theme)) return;
    const latest = latestEvaluation(state.evaluations);
    setHidden(this.root, latest === undefined);
    if (latest === undefined) return;
    const figures = evaluationFigures(latest);
    this.figures.replaceChildren(...figures.map((figure) => element('div', { className: 'evaluation-figure', attributes: { title: figure.description } }, [
      element('span', { className: 'figure-value', text: figure.value }),
      element('span', { className: 'figure-label', text: figure.label }),
    ])));
    this.figures.setAttribute('aria-label', `Latest evaluation, step ${formatCount(latest.step)}: `
      + figures.map((figure) => `${figure.label} ${figure.value}`).join(', '));
    const totalSeconds = state.evaluations.reduce((sum, record) => sum + record.seconds, 0);
    const count = state.evaluations.length;
    setText(this.caption, `Step ${formatCount(latest.step)} · ${formatCount(latest.samples)} samples · evaluated in ${formatValue(latest.seconds)} s`
      + (count > 1 ? ` (${formatCount(count)} evaluations, ${formatValue(totalSeconds)} s in all)` : ''));
    this.chart.draw(byStep(state.evaluations));
  }
}
