/**
 * Concatenating routes. The engine wants each resource once per route, so a
 * resource met again (a virtual appliance's host CPU doing both the hot-add
 * read and the compression; a copy that reads and writes the same storage)
 * has its coefficients added: the flow uses it for both. Order is that of
 * first appearance.
 */
import type { Hop } from './network.js';

export function joinHops(...parts: readonly (readonly Hop[])[]): Hop[] {
  const out: Hop[] = [];
  for (const part of parts) {
    for (const hop of part) {
      const coef = hop.coef ?? 1;
      const i = out.findIndex((h) => h.resource === hop.resource);
      if (i < 0) out.push({ resource: hop.resource, coef });
      else out[i] = { resource: hop.resource, coef: out[i]!.coef! + coef };
    }
  }
  return out;
}
