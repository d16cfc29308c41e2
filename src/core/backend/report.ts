import { z } from 'zod';
import { backendNames } from '../config/backendNames';

// No Node, no TF.js: run records and both protocols use these, and the webview's DOM-only tsconfig
// compiles them too (as types: the webview bundle imports none of the schemas).

const concreteBackendNames = backendNames.filter((name): name is Exclude<typeof name, 'auto'> => name !== 'auto');

/** A WebGPU adapter: who made it, whether it runs on the CPU, and the limits the backend needs. */
export const adapterFactsSchema = z.object({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  software: z.boolean(),
  limits: z.record(z.string(), z.number()),
}).readonly();

const backendAttemptSchema = z.object({
  backend: z.enum(concreteBackendNames),
  ok: z.boolean(),
  detail: z.string(),
  /** webgpu: the adapter Dawn offered, used or not. */
  adapter: adapterFactsSchema.optional(),
}).readonly();

/** Which backend runs and why; recorded in run.json and printed by the CLI. */
export const backendReportSchema = z.object({
  backend: z.enum(concreteBackendNames),
  requested: z.enum(backendNames),
  reason: z.string(),
  attempts: z.array(backendAttemptSchema).readonly(),
  /** The WebGPU adapter training runs on, when the backend is webgpu. */
  adapter: adapterFactsSchema.optional(),
});

export type ConcreteBackend = (typeof concreteBackendNames)[number];
export type AdapterFacts = z.output<typeof adapterFactsSchema>;
export type BackendAttempt = z.output<typeof backendAttemptSchema>;
export type BackendReport = Readonly<z.output<typeof backendReportSchema>>;
