import type { BackendName } from '../config/backendNames';

// Types only (no Node, no TF.js): run records and the dashboard protocol use them, and the
// webview's DOM-only tsconfig compiles them too.

export type ConcreteBackend = Exclude<BackendName, 'auto'>;

export interface BackendAttempt {
  readonly backend: ConcreteBackend;
  readonly ok: boolean;
  readonly detail: string;
}

/** Which backend runs and why; recorded in run.json and printed by the CLI. */
export interface BackendReport {
  readonly backend: ConcreteBackend;
  readonly requested: BackendName;
  readonly reason: string;
  readonly attempts: readonly BackendAttempt[];
}
