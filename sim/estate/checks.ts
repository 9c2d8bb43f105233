/**
 * Build-time checks of an estate description. Each failure is a ConfigError
 * naming the component's path (`host/esx-01`), the field, the value and the
 * rule, raised while the estate is built, before any run.
 */
import { ConfigError } from '../engine/errors.js';

/** Names become parts of component paths, so they must be plain path segments. */
export function requireName(kind: string, index: number, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.includes('/')) {
    throw new ConfigError(`${kind}[${index}]`, 'name', name, 'be a non-empty string without "/"');
  }
  return name;
}

/** An array field that may be omitted (then empty). */
export function requireList<T>(component: string, field: string, value: readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigError(component, field, value, 'be an array');
  return value;
}

/** Checks names and that no two entries of one kind share a name; returns the names in order. */
export function requireUniqueNames(kind: string, entries: readonly { name: string }[]): string[] {
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    if (entry === null || typeof entry !== 'object') throw new ConfigError(`${kind}[${i}]`, 'entry', entry, 'be an object');
    const name = requireName(kind, i, entry.name);
    if (seen.has(name)) throw new ConfigError(`${kind}/${name}`, 'name', name, `be unique among ${kind}s`);
    seen.add(name);
    return name;
  });
}

/** A reference to a named component of another kind. */
export function requireRef(component: string, field: string, value: unknown, known: readonly string[], kind: string): string {
  if (typeof value === 'string' && known.includes(value)) return value;
  const list = known.length > 0 ? known.join(', ') : `(no ${kind}s defined)`;
  throw new ConfigError(component, field, value, `name a ${kind} of the estate: ${list}`);
}

export function requireBoolean(component: string, field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(component, field, value, 'be true or false');
  return value;
}

/** A whole number >= min (slots, drives, cores). */
export function requireCount(component: string, field: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(component, field, value, `be a whole number >= ${min}`);
  }
  return value;
}

/** One of a fixed list of literal values. */
export function requireOneOf<T extends string>(component: string, field: string, allowed: readonly T[], value: unknown): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(component, field, value, `be one of ${allowed.join(', ')}`);
}

/** A capacity that may be Infinity (not modelled) but never NaN or negative. */
export function requireCapacityBytes(component: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new ConfigError(component, field, value, 'be a number > 0 (Infinity for unlimited)');
  }
  return value;
}
