/**
 * Time series of integrals in fixed-width buckets, with bounded memory.
 *
 * Each bucket holds, per channel, the integral of some quantity over the part
 * of the bucket that was observed (channel 0 is the observed seconds). An
 * interval [from, to) over which every quantity grew linearly is spread over
 * the buckets it overlaps in proportion to time, which is exact because the
 * callers only report intervals between events, where rates are constant.
 *
 * At most `maxBuckets` buckets exist: when a run outgrows them, neighbouring
 * buckets merge pairwise and the width doubles, so memory is bounded whatever
 * the run's length, and series of the same width stay aligned.
 *
 * The storage for up to INITIAL_BUCKETS buckets (the default 720 fit) is
 * allocated at once: a run keeps one series per machine, and growing them by
 * doubling meant every series copying into fresh memory at the same simulated
 * moment, mid-run. Until a run reaches them the extra buckets cost only
 * their zeroed memory (under 35 KiB per machine at the defaults); only a
 * series allowed more buckets than that grows, by doubling. That first
 * storage comes from the long-lived slab (zeroed-slab.ts): a series lives as
 * long as its run, and its pages are paid for only as buckets fill.
 */
import { assert } from '../engine/errors.js';
import { longLivedF64 } from '../engine/zeroed-slab.js';

/** Buckets allocated up front (see the header); a larger maxBuckets grows past it on demand. */
const INITIAL_BUCKETS = 1024;

export class BucketSeries {
  private data: Float64Array;
  private used = 0;
  private width: number;
  /** `add`'s arguments, as `addInterval` takes them. */
  private readonly scratch: Float64Array;

  constructor(
    /** Quantities per bucket, channel 0 being observed seconds. */
    readonly channels: number,
    bucketSec: number,
    readonly maxBuckets: number,
  ) {
    assert(channels >= 1 && bucketSec > 0 && maxBuckets >= 2 && maxBuckets % 2 === 0, 'bucket series needs channels >= 1, width > 0, an even maxBuckets');
    this.width = bucketSec;
    this.scratch = new Float64Array(channels + 1);
    this.data = longLivedF64(Math.min(maxBuckets, INITIAL_BUCKETS) * channels);
  }

  get bucketSec(): number {
    return this.width;
  }

  get bucketCount(): number {
    return this.used;
  }

  /** Adds `totals` (channels 1..n; channel 0 gets the seconds) accrued uniformly over [fromSec, toSec). */
  add(fromSec: number, toSec: number, totals: ArrayLike<number>): void {
    const interval = this.scratch;
    interval[0] = fromSec;
    interval[1] = toSec;
    for (let c = 1; c < this.channels; c++) interval[c + 1] = totals[c - 1]!;
    this.addInterval(interval);
  }

  /**
   * `add` with its arguments in one typed array: [fromSec, toSec, then the
   * totals of channels 1..n]. For a caller that adds at every change of load
   * (an impact meter): doubles passed to a call V8 does not inline are boxed,
   * one heap number each, and an array passed allocates nothing.
   */
  addInterval(interval: Float64Array): void {
    const fromSec = interval[0]!;
    const toSec = interval[1]!;
    const span = toSec - fromSec;
    if (!(span > 0)) return;
    while (Math.floor((toSec - 1e-9 * span) / this.width) >= this.maxBuckets) this.coarsen();
    let t = fromSec;
    let b = Math.floor(t / this.width);
    while (t < toSec) {
      const end = Math.min(toSec, (b + 1) * this.width);
      const part = (end - t) / span;
      // Accrued here rather than in a method taking the seconds and the part: doubles passed to a call
      // V8 does not inline are boxed, and meters add an interval at every change of load.
      if (part > 0) {
        this.ensure(b + 1);
        const data = this.data;
        const base = b * this.channels;
        data[base] = data[base]! + (end - t);
        for (let c = 1; c < this.channels; c++) data[base + c] = data[base + c]! + interval[c + 1]! * part;
      }
      t = end;
      b++;
    }
  }

  /** Sum of a channel over a bucket. */
  value(bucket: number, channel: number): number {
    return bucket < this.used ? this.data[bucket * this.channels + channel]! : 0;
  }

  /** Per bucket: channel integral / observed seconds (a time mean); 0 where nothing was observed. */
  means(channel: number): number[] {
    const out: number[] = [];
    for (let b = 0; b < this.used; b++) {
      const sec = this.value(b, 0);
      out.push(sec > 0 ? this.value(b, channel) / sec : 0);
    }
    return out;
  }

  private ensure(buckets: number): void {
    if (buckets > this.used) this.used = buckets;
    if (buckets * this.channels <= this.data.length) return;
    const grown = new Float64Array(Math.min(this.maxBuckets, Math.max(buckets, (2 * this.data.length) / this.channels)) * this.channels);
    grown.set(this.data);
    this.data = grown;
  }

  /** Merges bucket pairs (2i, 2i+1) into i and doubles the width. */
  private coarsen(): void {
    const n = this.channels;
    const merged = Math.ceil(this.used / 2);
    for (let b = 0; b < merged; b++) {
      for (let c = 0; c < n; c++) {
        const left = this.data[2 * b * n + c]!;
        const right = 2 * b + 1 < this.used ? this.data[(2 * b + 1) * n + c]! : 0;
        this.data[b * n + c] = left + right;
      }
    }
    this.data.fill(0, merged * n, this.used * n);
    this.used = merged;
    this.width *= 2;
  }
}
