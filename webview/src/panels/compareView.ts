import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { CompareCandidate, DashboardToHost } from '../../../src/protocol/dashboardMessages';
import type { CompareRequests } from '../state/compareRequests';
import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { element, setHidden } from '../ui/dom';
import { formatCount } from '../ui/format';

/**
 * Picks other runs of the same config whose losses are overlaid on the loss chart. The host
 * answers a `compare` with their curves; an empty selection clears the overlay at once.
 */
export class CompareView implements DashboardView {
  private readonly root: HTMLElement;
  private readonly select = element('vscode-multi-select', { className: 'compare-select', attributes: { 'aria-label': 'Compare with runs' } });
  private candidatesKey = '';
  /** A selection from before the page was recreated, applied once the candidates arrive. */
  private restoring: readonly string[];

  constructor(parent: HTMLElement, private readonly post: (message: DashboardToHost) => void, private readonly requests: CompareRequests,
    clearOverlay: () => void, persisted: { readonly restored: readonly string[]; remember(runDirs: readonly string[]): void }) {
    const label = element('span', { className: 'control', text: 'Compare with' });
    this.root = element('div', { className: 'compare' }, [label, this.select]);
    this.root.hidden = true;
    this.restoring = persisted.restored;
    this.select.addEventListener('change', () => {
      const runDirs = [...this.select.value];
      persisted.remember(runDirs);
      // Even an empty selection is a request: a late reply to an earlier one must not bring curves back.
      this.request(runDirs);
      if (runDirs.length === 0) clearOverlay();
    });
    parent.appendChild(this.root);
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!changes.compareCandidates) return;
    const candidates = state.compareCandidates;
    setHidden(this.root, candidates.length === 0);
    // Snapshots repeat the list; rebuilding the options would drop the user's selection for nothing.
    const key = JSON.stringify(candidates.map((candidate) => [candidate.runDir, candidate.runId, candidate.status, candidate.step]));
    if (key === this.candidatesKey) return;
    this.candidatesKey = key;
    const selected = new Set([...this.select.value, ...this.restoring]);
    this.select.replaceChildren(...candidates.map((candidate) => option(candidate, selected.has(candidate.runDir))));
    const restored = this.restoring.filter((runDir) => candidates.some((candidate) => candidate.runDir === runDir));
    this.restoring = [];
    if (restored.length) this.request(restored);
  }

  private request(runDirs: readonly string[]): void {
    this.post({ type: 'compare', requestId: this.requests.next(), runDirs });
  }
}

function option(candidate: CompareCandidate, selected: boolean): HTMLElement {
  const node = element('vscode-option', { text: `${candidate.runId} — ${candidate.status}, step ${formatCount(candidate.step)}` });
  node.value = candidate.runDir;
  node.selected = selected;
  return node;
}
