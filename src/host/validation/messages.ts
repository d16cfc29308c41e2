import type { ConfigDiagnostic } from '../configDiagnostics';
import type { BlockRun } from '../notes/blockRuns';

/** What to check: a config file's text, or a markdown note's (its gan blocks, against the runs they may name). */
export type ValidationInput =
  | { readonly kind: 'config'; readonly text: string; readonly file: string }
  | { readonly kind: 'note'; readonly text: string; readonly file: string; readonly runs: readonly BlockRun[] };

/** Host → validator worker. */
export type ValidationRequest = ValidationInput & { readonly id: number };

/** Validator worker → host: the problems found, or why none could be looked for. */
export type ValidationReply =
  | { readonly id: number; readonly diagnostics: readonly ConfigDiagnostic[] }
  | { readonly id: number; readonly error: string };
