/**
 * Records a resource's load over time as per-bucket means.
 *
 * Load is piecewise constant between solver events, so integrating it exactly
 * costs one update per change. Buckets of fixed width (the network's
 * `bucketSec`) keep memory proportional to simulated time, not to the number
 * of events, whatever the event rate.
 */
export class UsageRecorder {
  private usageSec = new Float64Array(16); // integral of load over each bucket
  private utilSec = new Float64Array(16); // integral of load / capacity over each bucket
  private buckets = 0;
  private lastT = 0;
  private load = 0;
  private capacity: number;
  /** Integral of load over all time so far (units * s), up to the last update. */
  totalLoadSec = 0;
  /** Highest instantaneous load seen. */
  peakLoad = 0;

  constructor(readonly bucketSec: number, capacity: number, startSec = 0) {
    this.capacity = capacity;
    this.lastT = startSec;
  }

  /** The load and capacity in force from time t on. */
  set(t: number, load: number, capacity: number): void {
    this.advance(t);
    this.load = load;
    this.capacity = capacity;
    if (load > this.peakLoad) this.peakLoad = load;
  }

  /** Integrates the current load up to time t. */
  advance(t: number): void {
    if (t <= this.lastT) return;
    const load = this.load;
    const util = this.capacity > 0 ? load / this.capacity : 0;
    this.totalLoadSec += load * (t - this.lastT);
    const lastBucket = Math.floor(t / this.bucketSec);
    if (lastBucket + 1 > this.buckets) this.ensure(lastBucket + 1);
    if (load !== 0) {
      let from = this.lastT;
      let b = Math.floor(from / this.bucketSec);
      while (from < t) {
        const end = Math.min(t, (b + 1) * this.bucketSec);
        const dt = end - from;
        this.usageSec[b] = this.usageSec[b]! + load * dt;
        this.utilSec[b] = this.utilSec[b]! + util * dt;
        from = end;
        b++;
      }
    }
    this.lastT = t;
  }

  /** Mean load and utilisation per bucket from 0 up to `endSec`. */
  series(endSec: number): { bucketSec: number; meanLoad: number[]; meanUtilisation: number[] } {
    this.advance(endSec);
    const n = Math.ceil(endSec / this.bucketSec);
    this.ensure(n);
    const meanLoad: number[] = [];
    const meanUtilisation: number[] = [];
    for (let b = 0; b < n; b++) {
      const width = Math.min(this.bucketSec, endSec - b * this.bucketSec);
      meanLoad.push(width > 0 ? this.usageSec[b]! / width : 0);
      meanUtilisation.push(width > 0 ? this.utilSec[b]! / width : 0);
    }
    return { bucketSec: this.bucketSec, meanLoad, meanUtilisation };
  }

  private ensure(n: number): void {
    if (n > this.usageSec.length) {
      let size = this.usageSec.length;
      while (size < n) size *= 2;
      const u = new Float64Array(size);
      u.set(this.usageSec);
      this.usageSec = u;
      const v = new Float64Array(size);
      v.set(this.utilSec);
      this.utilSec = v;
    }
    if (n > this.buckets) this.buckets = n;
  }
}
