import type { DashboardPersistedState, VsCodeApi } from '../vscodeApi';
import { isXAxisMode, type XAxisMode } from './xAxisChoice';

/** A view setting as it was before the page was recreated, and how to keep its changes. */
export interface PersistedView<Value> {
  readonly restored: Value;
  remember(value: Value): void;
}

export interface PersistedViews {
  readonly compare: PersistedView<readonly string[]>;
  readonly xAxis: PersistedView<XAxisMode>;
}

/**
 * What the webview keeps in VS Code's state for the page (dropped while hidden, or reloaded): the
 * run folder, which the host's panel serializer reopens, and the view settings. Only what is still
 * valid is kept: another run's compare selection names that run's siblings, so it goes; the x axis
 * is how the user reads charts, whatever the run, so it stays.
 */
export function persistedViews(api: VsCodeApi, runDir: string | undefined): PersistedViews {
  const previous = api.getState();
  const sameRun = previous?.runDir === runDir;
  // Absent rather than undefined: the state round-trips through JSON, which drops undefined anyway.
  const runState = runDir === undefined ? {} : { runDir };
  const compare = sameRun ? previous?.compare : undefined;
  // Checked, not trusted: the state may come from an older build of the dashboard.
  const xAxis = isXAxisMode(previous?.xAxis) ? previous.xAxis : undefined;
  api.setState({ ...runState, ...(compare ? { compare } : {}), ...(xAxis ? { xAxis } : {}) });
  const remember = (part: Partial<DashboardPersistedState>): void => api.setState({ ...api.getState(), ...runState, ...part });
  return {
    compare: { restored: compare ?? [], remember: (runDirs) => remember({ compare: runDirs }) },
    xAxis: { restored: xAxis ?? 'step', remember: (mode) => remember({ xAxis: mode }) },
  };
}
