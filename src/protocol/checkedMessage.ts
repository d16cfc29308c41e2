import type { z } from 'zod';
import { describeSchemaIssues } from '../core/schemaIssues';

/** A message that arrived from the other side of a channel: checked against the channel's schema, or why not. */
export type CheckedMessage<Message> =
  | { readonly ok: true; readonly message: Message }
  | { readonly ok: false; readonly reason: string };

/**
 * Every message from a webview, worker thread or child process goes through here before anything
 * acts on it: a cast would let `{ action: 'dispose' }` reach a method call.
 */
export function checkMessage<Schema extends z.ZodType>(schema: Schema, data: unknown): CheckedMessage<z.output<Schema>> {
  const parsed = schema.safeParse(data);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, reason: describeSchemaIssues(parsed.error.issues) };
}
