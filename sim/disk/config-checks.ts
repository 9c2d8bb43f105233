/**
 * Build-time validation shared by the disk, guest and tracking layers.
 *
 * Every public constructor checks its options here before a run starts, so a
 * bad scenario value fails with a `ConfigError` that names the component, the
 * field, the value and the rule (STYLE.md, principle 7), never deep inside a run.
 */
import { ConfigError } from '../engine/errors.js';

/** A finite number in [0, 1] (or [0, 1) when `exclusiveMax`). */
export function requireFraction(component: string, field: string, value: number, exclusiveMax = false): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= 0 && (exclusiveMax ? value < 1 : value <= 1);
  if (!ok) throw new ConfigError(component, field, value, exclusiveMax ? 'be a fraction in [0, 1)' : 'be a fraction in [0, 1]');
  return value;
}

/** A whole number >= min. */
export function requireWhole(component: string, field: string, value: number, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(component, field, value, `be a whole number >= ${min}`);
  }
  return value;
}

/**
 * Looks a name up in a catalog (a plain record of data). Unknown names fail
 * with the list of known ones so the person editing the scenario can fix it.
 */
export function requireKnown<T>(component: string, field: string, catalog: Readonly<Record<string, T>>, name: string): T {
  if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(catalog, name)) return catalog[name]!;
  throw new ConfigError(component, field, name, `be one of ${Object.keys(catalog).join(', ')}`);
}

/** One of a fixed list of literal values. */
export function requireOneOf<T extends string>(component: string, field: string, allowed: readonly T[], value: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(component, field, value, `be one of ${allowed.join(', ')}`);
}
