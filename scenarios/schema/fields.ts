/**
 * Zod field builders for scenario values. Each field parses what the file
 * holds (a number, a string with a unit, a name), checks its bounds, and on
 * failure adds ONE issue with a message a person can act on:
 * `must be a positive number, got "fast"`. Objects are strict: an unknown key
 * is an issue naming the closest known key (Levenshtein distance).
 *
 * `.meta()` carries the JSON Schema of what the file may hold (the input
 * side), for scenarios/scenario.schema.json.
 */
import * as z from 'zod';
import { closest, distance as levenshtein } from 'fastest-levenshtein';
import { formatBytes, show, type Parsed } from './units.js';

type Parser<T> = (v: unknown) => Parsed<T>;

/**
 * What every field's pipe starts from. One node for all of them: z.unknown()
 * holds no state, and a node per field was 190 of the schema's 1,000 nodes,
 * which the CLI builds at every start.
 */
const ANY_VALUE = z.unknown();

/**
 * A field from a parser; `undefined` (a missing key) is an issue unless the
 * field is `.optional()`. Its JSON Schema is registered on the field itself
 * rather than on a `.meta()` copy (one zod node less per field: the CLI
 * builds the schema at every start).
 */
export function parsed<T>(parse: Parser<T>, json: Record<string, unknown>) {
  const field = ANY_VALUE.transform((v, ctx): T => {
    if (v === undefined) {
      ctx.issues.push({ code: 'custom', message: 'is required', input: v, params: { code: 'missing' } });
      return z.NEVER;
    }
    const r = parse(v);
    if (r.ok) return r.value;
    ctx.issues.push({ code: 'custom', message: r.message, input: v });
    return z.NEVER;
  });
  z.globalRegistry.add(field, json);
  return field;
}

export interface Bounds {
  min?: number;
  /** Exclusive lower bound (a positive value: `above: 0`). */
  above?: number;
  max?: number;
  integer?: boolean;
  /** Shows limits in messages (formatBytes for sizes). */
  format?: (n: number) => string;
  /** Why the maximum is what it is, for the message. */
  why?: string;
}

/** Checks bounds on a parsed number. */
export function bounded(parse: Parser<number>, b: Bounds): Parser<number> {
  const f = b.format ?? String;
  return (v) => {
    const r = parse(v);
    if (!r.ok) return r;
    const n = r.value;
    if (b.integer === true && !Number.isSafeInteger(n)) return { ok: false, message: `must be a whole number, got ${show(v)}` };
    if (b.above !== undefined && !(n > b.above)) return { ok: false, message: `must be more than ${f(b.above)}, got ${show(v)}` };
    if (b.min !== undefined && n < b.min) return { ok: false, message: `must be at least ${f(b.min)}, got ${show(v)}` };
    if (b.max !== undefined && n > b.max) return { ok: false, message: `must be at most ${f(b.max)}${b.why === undefined ? '' : ` (${b.why})`}, got ${show(v)}` };
    return r;
  };
}

const numberish = { anyOf: [{ type: 'number' }, { type: 'string' }] };

/** A quantity with a unit parser, e.g. `quantity(parseSize, 'size', { above: 0, max: ... })`. */
export function quantity(parse: Parser<number>, description: string, b: Bounds = {}) {
  return parsed(bounded(parse, b), { ...numberish, description });
}

export function bytes(description: string, b: Bounds = {}) {
  return { ...b, format: formatBytes, description };
}

/** A plain number (no unit), e.g. IOPS or cycles per byte. */
export function plainNumber(description: string, b: Bounds = {}) {
  const what = b.integer === true ? 'whole number' : 'number';
  const adjective = b.above === 0 ? `positive ${what}` : b.min === 0 ? `${what} >= 0` : what;
  const parse: Parser<number> = (v) =>
    typeof v === 'number' && Number.isFinite(v) ? { ok: true, value: v } : { ok: false, message: `must be a ${adjective}, got ${show(v)}` };
  const checked = bounded(parse, b);
  const withAdjective: Parser<number> = (v) => {
    const r = checked(v);
    // One wording for every out-of-range value that the adjective already states.
    if (!r.ok && typeof v === 'number' && ((b.above === 0 && v <= 0) || (b.min === 0 && v < 0))) return { ok: false, message: `must be a ${adjective}, got ${show(v)}` };
    return r;
  };
  return parsed(withAdjective, { type: b.integer === true ? 'integer' : 'number', description });
}

export function wholeNumber(description: string, b: Bounds = {}) {
  return plainNumber(description, { ...b, integer: true });
}

/** Suggestion text for a misspelt name: ` (did you mean "iops"?)`, or nothing. */
export function didYouMean(given: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(given, [...known]);
  const limit = Math.max(2, Math.floor(given.length / 3));
  return distanceWithin(given, best, Math.min(limit, given.length - 1)) ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}

function distanceWithin(a: string, b: string, limit: number): boolean {
  return levenshtein(a.toLowerCase(), b.toLowerCase()) <= limit;
}


/** One of a fixed list of names. */
export function oneOf<const T extends string>(values: readonly T[], description: string) {
  const parse: Parser<T> = (v) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? { ok: true, value: v as T }
      : { ok: false, message: `must be one of ${values.join(', ')}, got ${show(v)}${typeof v === 'string' ? didYouMean(v, values) : ''}` };
  return parsed(parse, { type: 'string', enum: [...values], description });
}

export function bool(description: string) {
  const parse: Parser<boolean> = (v) => (typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, message: `must be true or false, got ${show(v)}` });
  return parsed(parse, { type: 'boolean', description });
}

export function text(description: string, maxLength = 4000) {
  const parse: Parser<string> = (v) =>
    typeof v !== 'string'
      ? { ok: false, message: `must be text, got ${show(v)}` }
      : v.length > maxLength
        ? { ok: false, message: `must be at most ${maxLength} characters, got ${v.length}` }
        : { ok: true, value: v };
  return parsed(parse, { type: 'string', maxLength, description });
}

/** Component names become paths (`vm/web-017`): letters, digits, `.`, `_`, `-`; `{...}` tokens where `pattern`. */
export const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
export function name(description: string, pattern = false) {
  const re = pattern ? /^[A-Za-z0-9{][A-Za-z0-9._{}:-]{0,79}$/ : NAME_RE;
  const parse: Parser<string> = (v) =>
    typeof v === 'string' && re.test(v)
      ? { ok: true, value: v }
      : { ok: false, message: `must be a name of letters, digits, ".", "_" or "-" (at most 80, starting with a letter or digit)${pattern ? ', with {i}-style tokens' : ''}, got ${show(v)}` };
  return parsed(parse, { type: 'string', pattern: re.source, description });
}

/**
 * A strict object: every unknown key is an issue with a suggestion from the
 * known keys. Its description is registered on the object itself, as
 * `.meta()` would on a copy (one zod node less per object).
 */
export function obj<S extends z.ZodRawShape>(shape: S, description?: string) {
  const known = Object.keys(shape);
  const object = z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') return iss.keys.map((k) => `unknown key ${JSON.stringify(k)}${didYouMean(k, known)}`).join('\n');
      if (iss.code === 'invalid_type' && iss.input === undefined) return 'is required';
      if (iss.code === 'invalid_type') return `must be a mapping of ${known.slice(0, 4).join(', ')}${known.length > 4 ? ', ...' : ''}, got ${show(iss.input)}`;
      return undefined;
    },
  });
  z.globalRegistry.add(object, description === undefined ? {} : { description });
  return object;
}

/** A list with a documented maximum length. */
export function list<T extends z.ZodType>(item: T, max: number, what: string) {
  return z.array(item, { error: (iss) => (iss.code !== 'invalid_type' ? undefined : iss.input === undefined ? 'is required' : `must be a list of ${what}, got ${show(iss.input)}`) }).max(max, { error: `must list at most ${max} ${what}` });
}
