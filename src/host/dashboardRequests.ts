import { checkMessage } from '../protocol/checkedMessage';
import { dashboardToHostSchema, type DashboardToHost } from '../protocol/dashboardMessages';

type Request<Type extends DashboardToHost['type']> = Extract<DashboardToHost, { type: Type }>;

/** What a dashboard's requests do; each handler is given a message that passed the protocol's schema. */
export interface DashboardRequestHandlers {
  /** `ready` and `resync`: send a full snapshot. */
  snapshot(): Promise<void> | void;
  control(action: Request<'control'>['action']): Promise<void> | void;
  advance(steps: number): Promise<void> | void;
  pace(stepsPerSecond: number | undefined): Promise<void> | void;
  tune(change: Request<'tune'>['change']): Promise<void> | void;
  resumeFromCheckpoint(): Promise<void> | void;
  openRunFolder(): Promise<void> | void;
  evaluate(): Promise<void> | void;
  exportMetrics(request: Request<'exportMetrics'>): Promise<void> | void;
  snapshotToNote(step: number): Promise<void> | void;
  compare(request: Request<'compare'>): Promise<void> | void;
}

/**
 * Acts on one message from a dashboard webview. The webview's page is ours, but what it posts is
 * data from another process: anything outside the protocol is refused with the reason, and nothing runs.
 */
export async function handleDashboardMessage(data: unknown, handlers: DashboardRequestHandlers, refused: (reason: string) => void): Promise<void> {
  const checked = checkMessage(dashboardToHostSchema, data);
  if (!checked.ok) return refused(`ignored a message outside the dashboard protocol (${checked.reason})`);
  const { message } = checked;
  switch (message.type) {
    case 'ready':
    case 'resync':
      return handlers.snapshot();
    case 'control':
      return handlers.control(message.action);
    case 'advance':
      return handlers.advance(message.steps);
    case 'pace':
      return handlers.pace(message.stepsPerSecond);
    case 'tune':
      return handlers.tune(message.change);
    case 'resumeFromCheckpoint':
      return handlers.resumeFromCheckpoint();
    case 'openRunFolder':
      return handlers.openRunFolder();
    case 'evaluate':
      return handlers.evaluate();
    case 'exportMetrics':
      return handlers.exportMetrics(message);
    case 'snapshotToNote':
      return handlers.snapshotToNote(message.step);
    case 'compare':
      return handlers.compare(message);
  }
}
