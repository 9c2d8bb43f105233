/**
 * A time-weighted histogram of a quantity >= 1 (latency inflation), for
 * percentiles over time in bounded memory.
 *
 * Bins are logarithmic, each 1% wider than the last, from 1 to the largest
 * value the latency formula can produce. Each bin keeps the time spent in it
 * and the time-integral of the value, so a percentile is reported as the
 * time-mean of the values in the bin where it falls: exact when those values
 * are all equal, and within 1% otherwise.
 */
import { MAX_LATENCY_INFLATION } from './latency.js';

const BIN_RATIO = 1.01;
const LOG_RATIO = Math.log(BIN_RATIO);
const BINS = Math.ceil(Math.log(MAX_LATENCY_INFLATION) / LOG_RATIO) + 1;

export class TimeHistogram {
  private readonly seconds = new Float64Array(BINS);
  private readonly integral = new Float64Array(BINS);
  totalSec = 0;
  totalIntegral = 0;
  max = 0;

  add(value: number, seconds: number): void {
    if (!(seconds > 0)) return;
    const bin = value <= 1 ? 0 : Math.min(BINS - 1, Math.floor(Math.log(value) / LOG_RATIO));
    this.seconds[bin] = this.seconds[bin]! + seconds;
    this.integral[bin] = this.integral[bin]! + value * seconds;
    this.totalSec += seconds;
    this.totalIntegral += value * seconds;
    if (value > this.max) this.max = value;
  }

  /** Time-mean of the value; NaN before any time was added. */
  get mean(): number {
    return this.totalSec > 0 ? this.totalIntegral / this.totalSec : NaN;
  }

  /** The value below which a fraction q of the time was spent (see above); NaN when empty. */
  quantile(q: number): number {
    if (!(this.totalSec > 0)) return NaN;
    const target = q * this.totalSec;
    let cum = 0;
    for (let b = 0; b < BINS; b++) {
      const s = this.seconds[b]!;
      cum += s;
      if (s > 0 && cum >= target * (1 - 1e-12)) return this.integral[b]! / s;
    }
    return this.max;
  }

  /** Adds another histogram's time into this one (pooling machines into a host). */
  merge(other: TimeHistogram): void {
    for (let b = 0; b < BINS; b++) {
      this.seconds[b] = this.seconds[b]! + other.seconds[b]!;
      this.integral[b] = this.integral[b]! + other.integral[b]!;
    }
    this.totalSec += other.totalSec;
    this.totalIntegral += other.totalIntegral;
    this.max = Math.max(this.max, other.max);
  }
}
