import { modesMeaning } from '../../../src/core/eval/modesMeaning';
import type { DashboardToHost, RunHeader } from '../../../src/protocol/dashboardMessages';
import { EvaluationChart } from '../charts/evaluationChart';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import type { XAxisChoice } from '../state/xAxisChoice';
import { button } from '../ui/button';
import { explainer } from '../ui/explainer';
import { card, element, setHidden, setText } from '../ui/dom';
import { formatCount, formatValue } from '../ui/format';
import type { Palette } from '../ui/palette';
import { byStep, evaluationFigures, latestEvaluation } from './evaluationFigures';

/**
 * What the run's evaluations say about the generator: the latest figures large, all of them over
 * steps below, and what evaluating cost. Before the first evaluation it says when one will come,
 * or how to get one (a run that evaluates only on demand offers Evaluate Now).
 */
export class EvaluationView implements DashboardView {
  readonly root: HTMLElement;
  private readonly figures = element('div', { className: 'evaluation-figures', attributes: { role: 'group' } });
  private readonly meaning = element('p', { className: 'evaluation-meaning' });
  private readonly caption = element('p', { className: 'evaluation-caption' });
  private readonly empty = element('p', { className: 'evaluation-empty' });
  private readonly evaluateNow: HTMLElement;
  private readonly chart: EvaluationChart;

  constructor(palette: () => Palette, post: (message: DashboardToHost) => void, xAxis: XAxisChoice) {
    const { root, body } = card('Evaluation', 'evaluation-card');
    this.root = root;
    this.evaluateNow = button('Evaluate Now', 'Measure the generator of the latest checkpoint (Evaluate Run)', () => post({ type: 'evaluate' }), true);
    body.append(explainer('Figures measured on fresh samples of the generator (its average, when the run keeps one), apart from '
      + 'training. On a Gaussian mixture: how many modes G covers and how evenly. On digits: FID against real digits in a shipped '
      + 'classifier\'s features (lower is better; the floor is two real sets compared with each other) and, for conditional and '
      + 'InfoGAN runs, how often the classifier agrees with the label or code G was given.'),
    this.empty, this.evaluateNow, this.figures, this.meaning, this.caption);
    this.chart = new EvaluationChart(body, palette, xAxis);
    root.hidden = true;
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!(changes.evaluations || changes.theme || changes.header)) return;
    const latest = latestEvaluation(state.evaluations);
    const emptyText = latest === undefined && state.header ? emptyState(state.header) : undefined;
    setHidden(this.root, latest === undefined && emptyText === undefined);
    setHidden(this.empty, emptyText === undefined);
    setHidden(this.evaluateNow, !(emptyText !== undefined && canEvaluateNow(state.header)));
    for (const part of [this.figures, this.meaning, this.caption, this.chart.root]) setHidden(part, latest === undefined);
    if (emptyText !== undefined) setText(this.empty, emptyText);
    if (latest === undefined) return;
    const figures = evaluationFigures(latest);
    this.figures.replaceChildren(...figures.map((figure) => element('div', { className: 'evaluation-figure', attributes: { title: figure.description } }, [
      element('span', { className: 'figure-value', text: figure.value }),
      element('span', { className: 'figure-label', text: figure.label }),
    ])));
    this.figures.setAttribute('aria-label', `Latest evaluation, step ${formatCount(latest.step)}: `
      + figures.map((figure) => `${figure.label} ${figure.value}`).join(', '));
    setHidden(this.meaning, latest.modes === undefined);
    setText(this.meaning, latest.modes ? `${capitalized(modesMeaning(latest.modes))}.` : '');
    const totalSeconds = state.evaluations.reduce((sum, record) => sum + record.seconds, 0);
    const count = state.evaluations.length;
    setText(this.caption, `Step ${formatCount(latest.step)} · ${formatCount(latest.samples)} samples · evaluated in ${formatValue(latest.seconds)} s`
      + (count > 1 ? ` (${formatCount(count)} evaluations, ${formatValue(totalSeconds)} s in all)` : ''));
    this.chart.draw(byStep(state.evaluations));
  }
}

/** What an Evaluation card with no figures yet says; nothing for a host too old to send the run's plan. */
export function emptyState(header: RunHeader): string | undefined {
  const plan = header.evaluation;
  if (!plan) return undefined;
  if (!plan.measurable) {
    return 'Nothing to measure on this data: modes covered needs a Gaussian mixture (ring, grid, …) and FID the mnist digits. '
      + 'Judge this run by its samples and charts.';
  }
  if (plan.every !== undefined) return `No evaluation yet: this run measures its generator every ${formatCount(plan.every)} steps and at the end.`;
  const how = 'To evaluate while training, add `evaluation: { every: 500 }` to the config; to measure this run now, '
    + 'use Evaluate Now (or Evaluate Run in the GAN Runs view, or `gan-studio eval` on its folder).';
  return header.checkpointStep === undefined
    ? `This run evaluates only on demand, from a checkpoint, and has none yet. ${how}`
    : `This run evaluates only on demand. ${how}`;
}

function canEvaluateNow(header: RunHeader | undefined): boolean {
  return header?.evaluation?.measurable === true && header.evaluation.every === undefined && header.checkpointStep !== undefined;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
