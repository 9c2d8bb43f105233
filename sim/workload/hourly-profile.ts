/**
 * Demand multipliers by hour of day: a workload's demand in hour h is its base
 * demand times `multipliers[h]`. Simulated time 0 is midnight of day 0, so the
 * hour of time t is `floor(t / 3600) mod 24`.
 *
 * Unlike the disk layer's `DailyProfile` (which normalises weights into shares
 * of a day's writes), these are raw multipliers: a profile peaking at 1.5
 * demands 1.5 times the base rate in its busiest hour. The named shapes are the
 * same ones the disk change process uses, so I/O demand and chunk changes can
 * follow one shape.
 */
import { ConfigError } from '../engine/errors.js';
import { DAILY_PROFILES, type DailyProfileName } from '../disk/daily-profile.js';
import { SECONDS_PER_HOUR } from '../disk/units.js';

export const HOURS_PER_DAY = 24;

export type HourlyProfileSpec = DailyProfileName | readonly number[];

/** A module-level predicate, not an arrow made per profile, so V8 keeps its optimized code from one run to the next. */
function isNotMultiplier(m: unknown): boolean {
  return typeof m !== 'number' || !Number.isFinite(m) || m < 0;
}

export class HourlyProfile {
  readonly multipliers: Float64Array;

  constructor(component: string, spec: HourlyProfileSpec) {
    const values = typeof spec === 'string' ? namedProfile(component, spec) : spec;
    const ok = Array.isArray(values) && values.length === HOURS_PER_DAY;
    if (!ok || values.some(isNotMultiplier)) {
      throw new ConfigError(component, 'profile', spec, 'be a profile name or 24 finite hourly multipliers >= 0');
    }
    this.multipliers = Float64Array.from(values);
  }

  /** Multiplier in force during absolute hour `hourIndex` (hours since time 0). */
  atHour(hourIndex: number): number {
    return this.multipliers[((hourIndex % HOURS_PER_DAY) + HOURS_PER_DAY) % HOURS_PER_DAY]!;
  }
}

/** The absolute hour containing time t. */
export function hourIndexAt(tSec: number): number {
  return Math.floor(tSec / SECONDS_PER_HOUR);
}

function namedProfile(component: string, name: string): readonly number[] {
  if (!Object.prototype.hasOwnProperty.call(DAILY_PROFILES, name)) {
    throw new ConfigError(component, 'profile', name, `be one of ${Object.keys(DAILY_PROFILES).join(', ')} or 24 multipliers`);
  }
  return DAILY_PROFILES[name as DailyProfileName];
}
