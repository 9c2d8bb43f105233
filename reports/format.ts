/**
 * Number, unit and time formatting for the report: fixed precision and a
 * fixed locale (d3-format with an explicit en definition, never the host's),
 * so the same results give the same bytes everywhere (STYLE.md principle 11).
 * Simulated time is formatted by hand from seconds: no calendar objects, no time zone.
 */
import { formatLocale, precisionFixed } from 'd3';

const LOCALE = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '-' });
const DASH = '–';

/** `x` with `digits` decimals and thousands separators; a dash for null or non-finite. */
export function fixed(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return LOCALE.format(`,.${digits}f`)(x === 0 ? 0 : x);
}

/** A whole number with thousands separators. */
export function count(x: number | null | undefined): string {
  return fixed(x, 0);
}

/** Decimals that keep about three significant digits for a value of this size. */
function digitsFor(x: number): number {
  const a = Math.abs(x);
  return a >= 100 ? 0 : a >= 10 ? 1 : 2;
}

/** A unit and the divisor to reach it from the base unit. */
export interface Unit {
  label: string;
  divisor: number;
}

const BYTE_UNITS: Unit[] = [
  { label: 'B', divisor: 1 },
  { label: 'kB', divisor: 1e3 },
  { label: 'MB', divisor: 1e6 },
  { label: 'GB', divisor: 1e9 },
  { label: 'TB', divisor: 1e12 },
  { label: 'PB', divisor: 1e15 },
];

const TIME_UNITS: Unit[] = [
  { label: 's', divisor: 1 },
  { label: 'min', divisor: 60 },
  { label: 'h', divisor: 3600 },
  { label: 'd', divisor: 86_400 },
];

/** The decimal byte unit (SI, 1 GB = 1e9 B) that shows `maxBytes` as 1..999. */
export function byteUnit(maxBytes: number): Unit {
  let u = BYTE_UNITS[0]!;
  for (const c of BYTE_UNITS) if (Math.abs(maxBytes) >= c.divisor) u = c;
  return u;
}

/** The time unit for a span: seconds under 2 min, minutes under 2 h, hours under 3 days, then days. */
export function timeUnit(maxSec: number): Unit {
  const a = Math.abs(maxSec);
  if (a < 120) return TIME_UNITS[0]!;
  if (a < 7200) return TIME_UNITS[1]!;
  if (a < 3 * 86_400) return TIME_UNITS[2]!;
  return TIME_UNITS[3]!;
}

/** `x` in `unit`, three significant digits, with the unit's label. */
export function inUnit(x: number | null | undefined, unit: Unit): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const v = x / unit.divisor;
  return `${fixed(v, digitsFor(v))} ${unit.label}`;
}

export function bytes(x: number | null | undefined): string {
  return x === null || x === undefined ? DASH : inUnit(x, byteUnit(x));
}

export function rate(bytesPerSec: number | null | undefined): string {
  return bytesPerSec === null || bytesPerSec === undefined ? DASH : `${bytes(bytesPerSec)}/s`;
}

export function duration(sec: number | null | undefined): string {
  return sec === null || sec === undefined ? DASH : inUnit(sec, timeUnit(sec));
}

/**
 * Two values in one unit (the larger one's), so a reading compares like with
 * like; but when the smaller would read as a sliver of that unit (under 0.1,
 * "0.01 h" for 26 s), each in its own unit, which says more.
 */
function pairIn(a: number, b: number, unitOf: (x: number) => Unit): [string, string] {
  const u = unitOf(Math.max(Math.abs(a), Math.abs(b)));
  const small = Math.min(Math.abs(a), Math.abs(b)) / u.divisor;
  if (small > 0 && small < 0.1) return [inUnit(a, unitOf(a)), inUnit(b, unitOf(b))];
  return [inUnit(a, u), inUnit(b, u)];
}

export function durationPair(a: number, b: number): [string, string] {
  return pairIn(a, b, timeUnit);
}

export function bytesPair(a: number, b: number): [string, string] {
  return pairIn(a, b, byteUnit);
}

/** A ratio such as a dedupe ratio or a latency inflation: `7.03×`. */
export function ratio(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${fixed(x, digitsFor(x))}×`;
}

/** A fraction 0..1 as a percentage with one decimal. */
export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return `${fixed(x * 100, 1)}%`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Simulated time as a scenario file writes it: `1d 22:00` is 22:00 on the
 * day after the first (days count from 0, as in a drill's or fault's `at`),
 * so a time read in the report can be pasted into a scenario. Seconds are
 * truncated.
 */
export function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const day = Math.floor(s / 86_400);
  const rem = s % 86_400;
  return `${day}d ${pad2(Math.floor(rem / 3600))}:${pad2(Math.floor((rem % 3600) / 60))}`;
}

/** Tick labels for a linear axis: the same decimals on every tick, chosen from the step. */
export function tickFormatter(step: number, unit: Unit): (x: number) => string {
  const digits = Math.min(6, precisionFixed(Math.abs(step / unit.divisor) || 1));
  return (x) => fixed(x / unit.divisor, digits);
}

/** A coordinate with one decimal: short, and stable across platforms. */
export function px(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}
