import type { TunableWeight } from '../player';

/**
 * A weight of a plan's objective that its losses read at each update (`get()`), so the live
 * controls can change it from the next one; it starts at the configured value.
 */
export function tunableWeight(name: string, label: string, configured: number): TunableWeight {
  let value = configured;
  return { name, label, get: () => value, set: (next) => { value = next; } };
}
