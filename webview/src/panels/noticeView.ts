import type { DashboardState, DashboardView, StateChanges } from '../state/dashboardState';
import { element, setHidden, setText } from '../ui/dom';

/** What the host left out of a run's files too large to send whole, under the header (set by snapshots). */
export class NoticeView implements DashboardView {
  private readonly notice = element('div', { className: 'notice-banner', attributes: { role: 'note' } });

  constructor(parent: HTMLElement) {
    this.notice.hidden = true;
    parent.append(this.notice);
  }

  render(state: DashboardState, changes: StateChanges): void {
    if (!changes.header) return;
    setText(this.notice, state.notice ?? '');
    setHidden(this.notice, !state.notice);
  }
}
