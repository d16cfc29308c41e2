import { z } from 'zod';
import { backendNames } from '../config/backendNames';

// No Node, no TF.js: run records and both protocols use these, and the webview's DOM-only tsconfig
// compiles them too (as types: the webview bundle imports none of the schemas).

const concreteBackendNames = backendNames.filter((name): name is Exclude<typeof name, 'auto'> => name !== 'auto');

const backendAttemptSchema = z.object({
  backend: z.enum(concreteBackendNames),
  ok: z.boolean(),
  detail: z.string(),
}).readonly();

/** Which backend runs and why; recorded in run.json and printed by the CLI. */
export const backendReportSchema = z.object({
  backend: z.enum(concreteBackendNames),
  requested: z.enum(backendNames),
  reason: z.string(),
  attempts: z.array(backendAttemptSchema).readonly(),
});

export type ConcreteBackend = (typeof concreteBackendNames)[number];
export type BackendAttempt = z.output<typeof backendAttemptSchema>;
export type BackendReport = Readonly<z.output<typeof backendReportSchema>>;
