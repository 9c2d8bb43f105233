/**
 * A shared latency model's inflation over time, for impact meters that catch
 * up later (impact-meter.ts): the value of each interval between changes of
 * the model's resources, logged as the interval ends.
 *
 * The history listens to the model's resources itself (usage-watch.ts), so it
 * hears of each change before the probes move on and records the inflation
 * that held until then: `model.inflation()` on the values of that interval,
 * the very number a meter closing its interval there computed. A meter's
 * intervals end at every change of the model's resources (it watches them
 * too), so each lies inside one recorded interval, or inside the open one,
 * whose value is the model's now.
 *
 * Positions are absolute indices (they survive `clear`). Bounded: at
 * MAX_LOGGED_CHANGES intervals the history has its meters catch up and starts
 * again.
 */
import { fail } from '../engine/errors.js';
import { MAX_LOGGED_CHANGES } from '../estate/change-times.js';
import { watchUsage, type LaterUsageListener, type UsageListener } from '../estate/usage-watch.js';
import type { SharedInflation } from './latency.js';

export class InflationHistory implements UsageListener {
  /** End of each recorded interval, and the inflation during it. */
  private ends = new Float64Array(64);
  private values = new Float64Array(64);
  private count = 0;
  /** Absolute index of entry 0. */
  private base = 0;
  /** Start of the open interval. */
  private openSec: number;
  private readonly meters: LaterUsageListener[] = [];

  constructor(
    private readonly shared: SharedInflation,
    startSec: number,
  ) {
    this.openSec = startSec;
    watchUsage(shared.model.resources(), this);
  }

  /** A meter reading this history; it catches up whenever the history starts again. */
  addReader(meter: LaterUsageListener): void {
    this.meters.push(meter);
  }

  /** One past the absolute index of the last interval recorded. */
  get end(): number {
    return this.base + this.count;
  }

  usageWillChange(tSec: number): void {
    if (!(tSec > this.openSec)) return;
    if (this.count === MAX_LOGGED_CHANGES) {
      for (let i = 0; i < this.meters.length; i++) this.meters[i]!.catchUp();
      this.base += this.count;
      this.count = 0;
    }
    if (this.count === this.ends.length) this.grow();
    this.shared.refresh();
    this.ends[this.count] = tSec;
    this.values[this.count] = this.shared.value;
    this.count++;
    this.openSec = tSec;
  }

  /** From position `at`, the position of the interval that holds an interval ending at `endSec` (`end` for the open one). */
  seek(at: number, endSec: number): number {
    let i = Math.max(at, this.base);
    const end = this.end;
    while (i < end && this.ends[i - this.base]! < endSec) i++;
    return i;
  }

  /** The inflation of the interval at position `at` (from `seek`) into `out[k]`. */
  valueInto(at: number, out: Float64Array, k: number): void {
    if (at < this.base) fail(`inflation history: position ${at} was cleared`);
    if (at < this.end) {
      out[k] = this.values[at - this.base]!;
    } else {
      this.shared.refresh();
      out[k] = this.shared.value;
    }
  }

  private grow(): void {
    const n = Math.min(MAX_LOGGED_CHANGES, 2 * this.ends.length);
    const ends = new Float64Array(n);
    const values = new Float64Array(n);
    ends.set(this.ends);
    values.set(this.values);
    this.ends = ends;
    this.values = values;
  }
}
