/**
 * The reference the fast YAML reading is held to: the `yaml` package with
 * the scenario loader's options, and an equality that also sees key order,
 * prototypes, -0 and NaN.
 */
import { parseDocument } from 'yaml';

export type SlowRead = { ok: true; data: unknown } | { ok: false; error: string };

/** parseDocument(text, the options of scenarios/load.ts).toJS(), or its first error. */
export function slowRead(text: string): SlowRead {
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, merge: false, version: '1.2', logLevel: 'error' });
    if (doc.errors.length > 0) return { ok: false, error: doc.errors[0]!.message.split('\n')[0]! };
    return { ok: true, data: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Deep equality of parsed data: same own keys in the same order, same prototypes, numbers by Object.is. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || Object.getOwnPropertyNames(a).length !== Object.getOwnPropertyNames(b).length) return false;
  return ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
