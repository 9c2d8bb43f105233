/**
 * The instants at which a resource's usage changed, ascending and distinct,
 * for listeners that catch up later (usage-watch.ts): each keeps its own
 * position in the log, an absolute index that stays valid when the log is
 * cleared (`clear` moves the start past everything logged).
 *
 * Bounded: a log holds at most MAX_LOGGED_CHANGES instants; the probe has its
 * listeners catch up and clears it before it would hold more.
 */
import { fail } from '../engine/errors.js';

/** Instants held at most (a datastore changes about 2,000 times in a night's hour of backups). */
export const MAX_LOGGED_CHANGES = 8192;

const INITIAL = 64;

export class ChangeTimes {
  private times = new Float64Array(INITIAL);
  private count = 0;
  /** Absolute index of `times[0]`. */
  private base = 0;
  /** The instant logged last, kept through a clear. */
  private lastSec = -Infinity;

  /** One past the absolute index of the last instant logged. */
  get end(): number {
    return this.base + this.count;
  }

  /** True when nothing more may be logged before a `clear`. */
  get full(): boolean {
    return this.count >= MAX_LOGGED_CHANGES;
  }

  /** The instant at absolute index `i` (in [end - held, end)). */
  at(i: number): number {
    return this.times[i - this.base]!;
  }

  /** Logs `tSec` unless it is the instant logged last (several rounds of one instant are one change). */
  note(tSec: number): void {
    if (!(tSec > this.lastSec)) {
      if (tSec === this.lastSec) return;
      fail(`change at ${tSec} logged after ${this.lastSec}`);
    }
    const n = this.count;
    if (n === MAX_LOGGED_CHANGES) fail(`change log holds ${MAX_LOGGED_CHANGES} instants already`);
    if (n === this.times.length) {
      const grown = new Float64Array(Math.min(MAX_LOGGED_CHANGES, 2 * n));
      grown.set(this.times);
      this.times = grown;
    }
    this.times[n] = tSec;
    this.count = n + 1;
    this.lastSec = tSec;
  }

  /** Forgets every instant logged; indices go on from `end`. */
  clear(): void {
    this.base += this.count;
    this.count = 0;
  }
}
