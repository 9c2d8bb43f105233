/**
 * Errors as data (STYLE.md, principles 5 and 8).
 *
 * A `ConfigError` is thrown before a run starts when a component is built from
 * parameters that make no sense. It names the component, the offending value
 * and the rule it broke, so a person can fix the input without reading code.
 * Simulated faults (a failed backup, a lost shadow copy) are never errors:
 * they are outcome values in the results.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** Path of the component, e.g. `host/esx-01/cpu` or `flow/backup-7`. */
    readonly component: string,
    /** The parameter that broke the rule, e.g. `capacity`. */
    readonly field: string,
    /** The value that was given. */
    readonly value: unknown,
    /** The rule, phrased so that it completes "must ...". */
    readonly rule: string,
  ) {
    super(`${component}: ${field} must ${rule}, got ${describeValue(value)}`);
  }
}

/** Renders a value for an error message without throwing on odd inputs. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Checks that a number is finite and >= 0; throws a ConfigError otherwise. */
export function requireNonNegative(component: string, field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(component, field, value, 'be a finite number >= 0');
  }
  return value;
}

/** Checks that a number is finite and > 0; throws a ConfigError otherwise. */
export function requirePositive(component: string, field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(component, field, value, 'be a finite number > 0');
  }
  return value;
}

/**
 * Programmer-error assertion: a broken invariant fails loudly. The message
 * must be a constant string: arguments are evaluated before the call, so a
 * template literal here would be built on every call, even when the check
 * passes. Where the message needs values, write `if (!cond) fail(...)`.
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

/** Throws an invariant violation (the cold half of a hot-path check). */
export function fail(message: string): never {
  throw new Error(`invariant violated: ${message}`);
}
