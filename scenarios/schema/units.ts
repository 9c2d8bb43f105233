/**
 * Human units in scenario files: `500 MB/s`, `1 Gbit/s`, `2 TiB`, `15 min`,
 * `22:00`, `5%`, `2.5 GHz`. Each parser takes what YAML or JSON gave (a
 * number or a string) and returns the value in the engine's unit, or a
 * message saying what was expected. A plain number is already in the
 * engine's unit (bytes, bytes/s, seconds, ms for latencies, GHz, a
 * fraction).
 *
 * Decimal prefixes are powers of 1000 (MB = 1e6 bytes), binary prefixes
 * powers of 1024 (MiB = 2^20 bytes); rates in bits divide by 8, and `1 GbE`
 * is 1 Gbit/s (125 MB/s).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** How a value is shown in a message: strings quoted, everything else as JSON would print it. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number') return String(v);
  if (v === null || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : 'a mapping';
}

const DECIMAL: Readonly<Record<string, number>> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** `12`, `1.5`, `20_000`, `1e9`: a decimal number, or null. */
function parseNumber(text: string): number | null {
  const t = text.replace(/(?<=\d)_(?=\d)/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Splits `500 MB/s` into 500 and `MB/s`; null if it does not start with a number. */
function splitQuantity(text: string): { n: number; unit: string } | null {
  const m = /^\s*([+-]?[\d_.]+(?:[eE][+-]?\d+)?)\s*(.*?)\s*$/.exec(text);
  if (m === null) return null;
  const n = parseNumber(m[1]!);
  return n === null ? null : { n, unit: m[2]! };
}

function prefixFactor(prefix: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(BINARY, prefix) ? BINARY[prefix] : Object.prototype.hasOwnProperty.call(DECIMAL, prefix) ? DECIMAL[prefix] : undefined;
}

/** A quantity whose unit is a prefix plus one of `suffixes` (each with its factor). */
function scaled(v: unknown, suffixes: readonly [RegExp, number][], what: string): Parsed<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : bad(`must be ${what}, got ${show(v)}`);
  if (typeof v !== 'string') return bad(`must be ${what}, got ${show(v)}`);
  const q = splitQuantity(v);
  if (q === null) return bad(`must be ${what}, got ${show(v)}`);
  if (q.unit === '') return ok(q.n);
  for (const [re, factor] of suffixes) {
    const m = re.exec(q.unit);
    const p = m === null ? undefined : prefixFactor(m[1] ?? '');
    if (p !== undefined) return ok(q.n * p * factor);
  }
  return bad(`must be ${what}, got ${show(v)} (unknown unit ${JSON.stringify(q.unit)})`);
}

export const SIZE_HELP = 'a size like "500 GB" or "2 TiB" (a plain number is bytes)';
export function parseSize(v: unknown): Parsed<number> {
  return scaled(v, [[/^([kKMGTPE]i?)?B$/, 1], [/^([kKMGTPE]i?)?bytes?$/, 1]], SIZE_HELP);
}

export const RATE_HELP = 'a rate like "500 MB/s" or "1 Gbit/s" (a plain number is bytes/s)';
export function parseRate(v: unknown): Parsed<number> {
  return scaled(
    v,
    [
      [/^([kKMGTPE]i?)?B\/s$/, 1],
      [/^([kKMGTPE]i?)?Bps$/, 1],
      [/^([kKMGTPE])?(?:bit\/s|b\/s|bps)$/, 1 / 8],
      [/^([kKMGTPE])bE$/, 1 / 8],
    ],
    RATE_HELP,
  );
}

export const FREQUENCY_HELP = 'a clock rate like "2.5 GHz" (a plain number is GHz)';
export function parseGhz(v: unknown): Parsed<number> {
  return scaled(v, [[/^([kKMG])?Hz$/, 1e-9]], FREQUENCY_HELP);
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1e-3,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86_400, day: 86_400, days: 86_400,
  w: 604_800, week: 604_800, weeks: 604_800,
};

export const DURATION_HELP = 'a duration like "15 min", "2 h" or "1d 6h" (a plain number is seconds)';
/** Seconds, from a number of seconds or a sum of terms like `1d 6h 30min`. */
export function parseDuration(v: unknown, help = DURATION_HELP): Parsed<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : bad(`must be ${help}, got ${show(v)}`);
  if (typeof v !== 'string' || v.trim() === '') return bad(`must be ${help}, got ${show(v)}`);
  const re = /\s*([\d_.]+(?:[eE][+-]?\d+)?)\s*([a-z]*)\s*/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(v); m !== null && m[0] !== ''; m = re.exec(v)) {
    const n = parseNumber(m[1]!);
    const unit = m[2] === '' ? 's' : m[2]!;
    if (n === null || !Object.prototype.hasOwnProperty.call(DURATION_UNITS, unit)) return bad(`must be ${help}, got ${show(v)}`);
    total += n * DURATION_UNITS[unit]!;
    end = re.lastIndex;
  }
  return end === v.length ? ok(total) : bad(`must be ${help}, got ${show(v)}`);
}

export const LATENCY_HELP = 'a latency like "0.5 ms" (a plain number is ms)';
/** Milliseconds: a plain number is ms, a string carries its unit. */
export function parseLatencyMs(v: unknown): Parsed<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : bad(`must be ${LATENCY_HELP}, got ${show(v)}`);
  const s = parseDuration(v, LATENCY_HELP);
  return s.ok ? ok(s.value * 1000) : s;
}

export const TIME_OF_DAY_HELP = 'a time of day like "22:00" (a plain number is seconds after midnight)';
/** Seconds after midnight, in [0, 86400). */
export function parseTimeOfDay(v: unknown): Parsed<number> {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v < 86_400 ? ok(v) : bad(`must be ${TIME_OF_DAY_HELP}, got ${show(v)}`);
  const m = typeof v === 'string' ? /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(v) : null;
  if (m === null) return bad(`must be ${TIME_OF_DAY_HELP}, got ${show(v)}`);
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return bad(`must be ${TIME_OF_DAY_HELP}, got ${show(v)}`);
  return ok(h * 3600 + min * 60 + s);
}

export const INSTANT_HELP = 'a time in the run like "1d 09:00" (day 1 of the run, 0-based, at 09:00), "33 h", or a number of seconds';
/** Seconds from the start of the run (midnight of day 0): `1d 09:00`, `2d`, `33 h` or seconds. */
export function parseInstant(v: unknown): Parsed<number> {
  const m = typeof v === 'string' ? /^\s*(.*?)\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*$/.exec(v) : null;
  if (m === null) return parseDuration(v, INSTANT_HELP);
  const day = parseDuration(m[1], INSTANT_HELP);
  const time = parseTimeOfDay(m[2]);
  return day.ok && time.ok ? ok(day.value + time.value) : bad(`must be ${INSTANT_HELP}, got ${show(v)}`);
}

export const FRACTION_HELP = 'a percentage like "5%" or a fraction in [0, 1]';
export function parseFraction(v: unknown): Parsed<number> {
  let n: number | null = typeof v === 'number' && Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const q = splitQuantity(v);
    if (q !== null && q.unit === '%') n = q.n / 100;
    else if (q !== null && q.unit === '') n = q.n;
  }
  if (n === null || n < 0 || n > 1) return bad(`must be ${FRACTION_HELP}, got ${show(v)}`);
  return ok(n);
}

/** Formats bytes for messages: `10 EiB`, `64 TiB`, `1.5 GB`. */
export function formatBytes(bytes: number): string {
  const units: [string, number][] = [['EiB', 2 ** 60], ['PiB', 2 ** 50], ['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]];
  for (const [u, f] of units) if (bytes >= f && Number.isInteger((bytes / f) * 100)) return `${bytes / f} ${u}`;
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  return `${bytes} bytes`;
}
