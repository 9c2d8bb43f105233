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
      // A loop, not findIndex with an arrow: an arrow made per call loses its optimized code when it dies,
      // and routes are joined in every run, so it was optimized again in every job of a sweep.
      let i = out.length - 1;
      while (i >= 0 && out[i]!.resource !== hop.resource) i--;
      if (i < 0) out.push({ resource: hop.resource, coef });
      else out[i] = { resource: hop.resource, coef: out[i]!.coef! + coef };
    }
  }
  return out;
}
