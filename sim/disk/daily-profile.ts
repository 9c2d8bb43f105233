/**
 * When in the day a workload writes: 24 hourly weights (DESIGN.md: "a daily
 * profile"). Simulated time 0 is midnight of day 0, so hour h of any day is
 * `floor(t / 3600) mod 24`.
 *
 * Weights are normalised to sum to 1, so "activity" over an interval is
 * measured in days of activity: a whole day is 1 whatever the profile, and a
 * change process multiplies it by its per-day write count. Within an hour the
 * activity is uniform. The built-in shapes are illustrative, not sourced.
 */
import { ConfigError } from '../engine/errors.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from './units.js';

const HOURS_PER_DAY = 24;

export const DAILY_PROFILES = {
  flat: new Array<number>(HOURS_PER_DAY).fill(1),
  /** Office work: quiet nights, a morning ramp, busy 9-17, an evening tail. */
  'business-hours': [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.6, 1, 1.5, 1.5, 1.5, 1.2, 1.5, 1.5, 1.5, 1.5, 1, 0.7, 0.5, 0.5, 0.5, 0.4, 0.4],
  /** Batch processing at night, light use by day. */
  'night-batch': [2.5, 2.5, 2.5, 2.5, 2.5, 1.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5, 1.5],
} as const satisfies Record<string, readonly number[]>;

export type DailyProfileName = keyof typeof DAILY_PROFILES;

function isNotWeight(w: unknown): boolean {
  return typeof w !== 'number' || !Number.isFinite(w) || w < 0;
}

export class DailyProfile {
  /** Normalised weights: the fraction of a day's activity in each hour. */
  readonly hourlyShare: Float64Array;
  /** cumulativeShare[h] = activity from midnight to the start of hour h. */
  private readonly cumulativeShare: Float64Array;

  constructor(component: string, hourlyWeights: readonly number[]) {
    // Loops and a module-level predicate, not arrows made per profile, so V8 keeps their optimized code
    // from one run to the next.
    const ok = Array.isArray(hourlyWeights) && hourlyWeights.length === HOURS_PER_DAY;
    if (!ok || hourlyWeights.some(isNotWeight)) {
      throw new ConfigError(component, 'profile', hourlyWeights, 'be 24 finite hourly weights >= 0');
    }
    let total = 0;
    for (const w of hourlyWeights) total += w;
    if (total <= 0) throw new ConfigError(component, 'profile', hourlyWeights, 'have at least one weight > 0');
    this.hourlyShare = new Float64Array(HOURS_PER_DAY);
    for (let h = 0; h < HOURS_PER_DAY; h++) this.hourlyShare[h] = hourlyWeights[h]! / total;
    this.cumulativeShare = new Float64Array(HOURS_PER_DAY + 1);
    for (let h = 0; h < HOURS_PER_DAY; h++) this.cumulativeShare[h + 1] = this.cumulativeShare[h]! + this.hourlyShare[h]!;
  }

  /** Days of activity from time 0 to `tSec`. */
  activityUntil(tSec: number): number {
    const day = Math.floor(tSec / SECONDS_PER_DAY);
    const inDay = tSec - day * SECONDS_PER_DAY;
    const hour = Math.min(HOURS_PER_DAY - 1, Math.floor(inDay / SECONDS_PER_HOUR));
    const inHour = (inDay - hour * SECONDS_PER_HOUR) / SECONDS_PER_HOUR;
    return day + this.cumulativeShare[hour]! + this.hourlyShare[hour]! * inHour;
  }

  /** Days of activity in `[fromSec, toSec)`. */
  activityBetween(fromSec: number, toSec: number): number {
    return this.activityUntil(toSec) - this.activityUntil(fromSec);
  }

  /**
   * Hour pieces of a batch `[fromSec, toSec)`: the piece starting at `t` ends
   * at `pieceEnd(t, toSec)` and has `pieceActivity(t, end)`; walking from
   * `fromSec` gives the pieces in time order. Splitting at fixed hour
   * boundaries means a day applied in one batch or in hourly batches sees the
   * same pieces. No callback: a change process walks them per disk per write
   * batch.
   */
  pieceEnd(t: number, toSec: number): number {
    return Math.min((Math.floor(t / SECONDS_PER_HOUR) + 1) * SECONDS_PER_HOUR, toSec);
  }

  /** Activity of a piece `[t, end)` inside one hour (see pieceEnd). */
  pieceActivity(t: number, end: number): number {
    const hourIndex = Math.floor(t / SECONDS_PER_HOUR);
    const share = this.hourlyShare[((hourIndex % HOURS_PER_DAY) + HOURS_PER_DAY) % HOURS_PER_DAY]!;
    return (share * (end - t)) / SECONDS_PER_HOUR;
  }
}

/** A named built-in profile or 24 custom weights. */
export function resolveProfile(component: string, profile: DailyProfileName | readonly number[]): DailyProfile {
  if (typeof profile === 'string') {
    if (!Object.prototype.hasOwnProperty.call(DAILY_PROFILES, profile)) {
      throw new ConfigError(component, 'profile', profile, `be one of ${Object.keys(DAILY_PROFILES).join(', ')} or 24 weights`);
    }
    return new DailyProfile(component, DAILY_PROFILES[profile]);
  }
  return new DailyProfile(component, profile);
}
