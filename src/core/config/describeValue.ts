/** How config values are quoted back to the person who wrote them: short and unambiguous. */
import { cutShort } from '../errors';

/** A value as it would be written in JSON, cut short: "gpu", 2.5, [-5], {…}. */
export function showValue(value: unknown): string {
  if (typeof value === 'number') return String(value); // JSON would print Infinity and NaN as null
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return '{…}';
  return cutShort(JSON.stringify(value) ?? String(value));
}

/** A value with its type spelled out, for type mismatches: the string "abc", a list [1, 2]. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list ${showValue(value)}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return String(value);
  return `the ${typeof value} ${showValue(value)}`;
}

/** An allowed value as a list shows it: strings bare (they are names), anything else as JSON. */
export function choiceName(value: unknown): string {
  return typeof value === 'string' ? value : showValue(value);
}

/** Allowed values as a readable list: auto, tensorflow, wasm. */
export function listChoices(values: readonly unknown[]): string {
  return values.map(choiceName).join(', ');
}
