import { diagnosticKindLabels, worstSeverity, type Finding } from '../state/diagnosticFindings';
import { element, setHidden, setText } from '../ui/dom';
import { severityIcon } from '../ui/severityIcon';

/** The count of active failure modes beside the run's status, so it is seen without scrolling; a click shows the Diagnostics card. */
export class DiagnosticBadge {
  private readonly button = element('button', { className: 'findings-badge', attributes: { type: 'button' } });
  private readonly icon = element('span', { className: 'findings-badge-icon' });
  private readonly count = element('span', { className: 'findings-badge-count' });

  constructor(parent: HTMLElement, reveal: () => void) {
    this.button.append(this.icon, this.count);
    this.button.addEventListener('click', reveal);
    this.button.hidden = true;
    parent.appendChild(this.button);
  }

  show(active: readonly Finding[]): void {
    setHidden(this.button, active.length === 0);
    if (active.length === 0) return;
    const severity = worstSeverity(active);
    if (this.button.dataset.severity !== severity) {
      this.button.dataset.severity = severity;
      this.icon.replaceChildren(severityIcon(severity));
    }
    setText(this.count, String(active.length));
    const kinds = [...new Set(active.map((finding) => diagnosticKindLabels[finding.record.kind]))].join(', ');
    const description = `${active.length} active failure ${active.length === 1 ? 'mode' : 'modes'}: ${kinds}. Show Diagnostics`;
    this.button.setAttribute('title', description);
    this.button.setAttribute('aria-label', description);
  }
}
