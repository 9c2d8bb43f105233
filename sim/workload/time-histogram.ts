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
  /** Per bin, side by side (one cache line per add): [2b] seconds spent in it, [2b + 1] time-integral of the value. */
  private readonly bins = new Float64Array(2 * BINS);
  totalSec = 0;
  totalIntegral = 0;
  max = 0;
  private lastValue = NaN;
  private lastBin = 0;
  /** `add`'s arguments, as `addSample` takes them. */
  private readonly scratch = new Float64Array(2);

  add(value: number, seconds: number): void {
    const sample = this.scratch;
    sample[0] = value;
    sample[1] = seconds;
    this.addSample(sample);
  }

  /**
   * `add` with its arguments in a typed array, [value, seconds]: for a caller
   * that adds at every change of load (an impact meter), since doubles passed
   * to a call V8 does not inline are boxed, one heap number each.
   */
  addSample(sample: Float64Array): void {
    const value = sample[0]!;
    const seconds = sample[1]!;
    if (!(seconds > 0)) return;
    // The value often repeats between calls (inflation moves only when utilisation does): skip the logarithm then.
    if (value !== this.lastValue) {
      this.lastValue = value;
      this.lastBin = value <= 1 ? 0 : Math.min(BINS - 1, Math.floor(Math.log(value) / LOG_RATIO));
    }
    const at = 2 * this.lastBin;
    this.bins[at] = this.bins[at]! + seconds;
    this.bins[at + 1] = this.bins[at + 1]! + value * seconds;
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
      const s = this.bins[2 * b]!;
      cum += s;
      if (s > 0 && cum >= target * (1 - 1e-12)) return this.bins[2 * b + 1]! / s;
    }
    return this.max;
  }

  /** Adds another histogram's time into this one (pooling machines into a host). */
  merge(other: TimeHistogram): void {
    for (let i = 0; i < 2 * BINS; i++) this.bins[i] = this.bins[i]! + other.bins[i]!;
    this.totalSec += other.totalSec;
    this.totalIntegral += other.totalIntegral;
    this.max = Math.max(this.max, other.max);
  }
}
