import type { DashboardToHost } from '../../src/protocol/dashboardMessages';
import type { XAxisMode } from './state/xAxisChoice';

/**
 * What the webview persists: the host's panel serializer reopens the run from `runDir`; the
 * compare selection and the charts' x axis survive the page being dropped while hidden, and reloads.
 */
export interface DashboardPersistedState {
  readonly runDir?: string;
  readonly compare?: readonly string[];
  readonly xAxis?: XAxisMode;
}

/** The object VS Code injects into webviews; it may be acquired only once per page. */
export interface VsCodeApi {
  postMessage(message: DashboardToHost): void;
  getState(): DashboardPersistedState | undefined;
  setState(state: DashboardPersistedState): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}
