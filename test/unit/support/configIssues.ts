import assert from 'node:assert/strict';
import { parseConfigText } from '../../../src/core/config/parse';

/** A config text that must be refused: its issues' messages by dotted field path. */
export function refusedFields(text: string): Map<string, string> {
  const result = parseConfigText(text);
  assert.ok(!result.ok, text);
  return new Map(result.issues.map((issue) => [issue.path.join('.'), issue.message]));
}
