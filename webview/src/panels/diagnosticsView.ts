import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { summariseFindings, worstSeverity, type Finding, type FindingsSummary } from '../state/diagnosticFindings';
import { explainer } from '../ui/explainer';
import { card, element, setHidden, setText } from '../ui/dom';
import { formatCount } from '../ui/format';
import { severityIcon } from '../ui/severityIcon';
import { DiagnosticBadge } from './diagnosticBadge';
import { findingItem } from './findingItem';

/** A run that flaps between raised and cleared for hours must not build an endless list. */
const shownFindings = 100;

/**
 * The failure modes the run found, newest first, and whether any is still active; a badge in the
 * run header counts the active ones. Absent until training has logged metrics: before that,
 * "nothing detected" would mean nothing.
 */
export class DiagnosticsView implements DashboardView {
  readonly root: HTMLElement;
  private readonly status = element('p', { className: 'diagnostics-status', attributes: { role: 'status' } });
  private readonly list = element('ol', { className: 'findings' });
  private readonly more = element('p', { className: 'empty' });
  private readonly badge: DiagnosticBadge;
  /** Keys of the findings the user expanded, kept across redraws. */
  private readonly expanded = new Set<string>();

  constructor(badgeParent: HTMLElement) {
    const { root, body } = card('Diagnostics', 'diagnostics-card');
    this.root = root;
    root.tabIndex = -1;
    body.append(explainer('Failure modes found in the logged numbers (vanishing gradients, an overpowering discriminator, mode '
      + 'collapse, oscillation, divergence), each with the numbers that raised it, the thresholds it crossed and the remedies '
      + 'usually tried. A finding clears when its numbers recover.'), this.status, this.list, this.more);
    this.badge = new DiagnosticBadge(badgeParent, () => {
      root.scrollIntoView({ block: 'start', behavior: 'smooth' });
      root.focus({ preventScroll: true });
    });
    root.hidden = true;
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (changes.metrics || changes.diagnostics) setHidden(this.root, state.metrics.length === 0 && state.diagnostics.length === 0);
    if (!changes.diagnostics) return;
    const summary = summariseFindings(state.diagnostics);
    this.showStatus(summary);
    this.badge.show(summary.active);
    this.list.replaceChildren(...summary.findings.slice(0, shownFindings).map((finding) => {
      const key = findingKey(finding);
      return findingItem(finding, this.expanded.has(key), (open) => (open ? this.expanded.add(key) : this.expanded.delete(key)));
    }));
    const hidden = summary.findings.length - shownFindings;
    setText(this.more, hidden > 0 ? `${formatCount(hidden)} older findings are in the run's metrics.jsonl.` : '');
    setHidden(this.more, hidden <= 0);
    setHidden(this.list, summary.findings.length === 0);
  }

  private showStatus({ findings, active }: FindingsSummary): void {
    const resolved = findings.filter((finding) => finding.resolvedAt !== undefined).length;
    const text = findings.length === 0 ? 'No failure modes detected.'
      : active.length === 0 ? `No active failure modes (${formatCount(resolved)} resolved).`
        : `${formatCount(active.length)} active ${active.length === 1 ? 'finding' : 'findings'}`
          + (resolved > 0 ? `, ${formatCount(resolved)} resolved.` : '.');
    this.status.dataset.severity = active.length === 0 ? 'none' : worstSeverity(active);
    this.status.replaceChildren(severityIcon(active.length === 0 ? 'passed' : worstSeverity(active)), element('span', { text }));
  }
}

function findingKey({ index, record }: Finding): string {
  return `${index}:${record.step}:${record.kind}:${record.state}`;
}
