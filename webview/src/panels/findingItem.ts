import type { DiagnosticEvidence } from '../../../src/core/run/evaluationRecords';
import { diagnosticKindLabels, type Finding } from '../state/diagnosticFindings';
import { element } from '../ui/dom';
import { formatCount, formatValue } from '../ui/format';
import { severityIcon } from '../ui/severityIcon';

/**
 * One finding as a list item: icon, kind, step and summary always shown; what was measured and the
 * remedies behind a disclosure (a native <details>, so keyboard and screen readers need nothing more).
 */
export function findingItem(finding: Finding, open: boolean, onToggle: (open: boolean) => void): HTMLLIElement {
  const { record, resolvedAt } = finding;
  const cleared = record.state === 'cleared';
  const status = cleared ? 'cleared' : resolvedAt !== undefined ? `resolved at step ${formatCount(resolvedAt)}` : record.severity;
  const summary = element('summary', { className: 'finding-summary' }, [
    severityIcon(cleared ? 'passed' : record.severity),
    element('span', { className: 'finding-kind', text: diagnosticKindLabels[record.kind] }),
    element('span', { className: 'finding-step', text: `step ${formatCount(record.step)}` }),
    element('span', { className: 'finding-status', text: status }),
    element('span', { className: 'finding-text', text: record.summary }),
  ]);
  const details = element('details', {}, [summary, findingDetail(finding)]);
  details.open = open;
  details.addEventListener('toggle', () => onToggle(details.open));
  return element('li', { className: 'finding', attributes: {
    'data-state': record.state, 'data-severity': record.severity, 'data-resolved': String(resolvedAt !== undefined),
  } }, [details]);
}

function findingDetail({ record }: Finding): HTMLElement {
  const { from, to } = record.window;
  const parts: Node[] = [element('p', { className: 'finding-window',
    text: from === to ? `Measured at step ${formatCount(from)}.` : `Measured over steps ${formatCount(from)}–${formatCount(to)}.` })];
  if (record.evidence.length > 0) {
    parts.push(element('table', { className: 'evidence' }, [
      element('thead', {}, [element('tr', {}, ['Measure', 'Value', 'Raised when'].map((heading) =>
        element('th', { text: heading, attributes: { scope: 'col' } })))]),
      element('tbody', {}, record.evidence.map(evidenceRow)),
    ]));
  }
  if (record.remedies.length > 0) {
    parts.push(element('h3', { className: 'remedies-heading', text: 'Remedies' }),
      element('ol', { className: 'remedies' }, record.remedies.map((remedy) => element('li', { text: remedy }))));
  }
  return element('div', { className: 'finding-detail' }, parts);
}

function evidenceRow(evidence: DiagnosticEvidence): HTMLTableRowElement {
  const threshold = evidence.threshold;
  return element('tr', {}, [
    element('th', { text: evidence.name, attributes: { scope: 'row' } }),
    element('td', { className: 'evidence-value', text: formatValue(evidence.value) }),
    element('td', { className: 'evidence-threshold', text: threshold === undefined ? '—' : `${threshold.when} ${formatValue(threshold.value)}` }),
  ]);
}
