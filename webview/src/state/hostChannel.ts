import type { DashboardToHost, HostToDashboard } from '../../../src/protocol/dashboardMessages';
import type { CompareRequests } from './compareRequests';
import type { DashboardStore } from './dashboardStore';

/**
 * Receives host messages in order. Updates carry consecutive versions after a snapshot; one that
 * skips a version means something was lost, so the webview asks for a fresh snapshot (once) and
 * ignores updates until it arrives. Older versions (already applied) are dropped.
 */
export class HostChannel {
  private lastVersion: number | undefined;
  private awaitingSnapshot = false;

  constructor(
    private readonly store: DashboardStore,
    private readonly post: (message: DashboardToHost) => void,
    private readonly compareRequests: CompareRequests,
  ) {}

  receive(data: unknown): void {
    if (!isHostMessage(data)) return;
    switch (data.type) {
      case 'snapshot':
        this.lastVersion = data.version;
        this.awaitingSnapshot = false;
        this.store.applySnapshot(data);
        return;
      case 'update':
        this.receiveUpdate(data);
        return;
      case 'compareData':
        // A reply to a request since superseded (another selection, or none) is stale.
        if (this.compareRequests.isLatest(data.requestId)) this.store.applyCompareData(data);
        return;
      case 'unreadable':
        this.store.applyUnreadable(data.reason);
        return;
    }
  }

  private receiveUpdate(update: Extract<HostToDashboard, { type: 'update' }>): void {
    // Before the first snapshot there is nothing to append to; the snapshot answering `ready` follows.
    if (this.lastVersion === undefined || this.awaitingSnapshot) return;
    if (update.version <= this.lastVersion) return;
    if (update.version !== this.lastVersion + 1) {
      this.awaitingSnapshot = true;
      this.post({ type: 'resync' });
      return;
    }
    this.lastVersion = update.version;
    this.store.applyUpdate(update);
  }
}

/** Messages come from the host, but the window also sees events from elsewhere: keep only ours. */
function isHostMessage(data: unknown): data is HostToDashboard {
  if (typeof data !== 'object' || data === null) return false;
  const type = (data as { type?: unknown }).type;
  return type === 'snapshot' || type === 'update' || type === 'compareData' || type === 'unreadable';
}
