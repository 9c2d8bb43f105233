/**
 * Records every resource's load over time as per-bucket means.
 *
 * Load is piecewise constant between solver events, so integrating it exactly
 * costs one update per change. Buckets keep memory proportional to simulated
 * time, not to the number of events, and a bucket budget bounds it: once the
 * simulated time needs more than `maxBuckets` buckets, the width doubles for
 * every resource and neighbouring buckets merge (each resource merges lazily,
 * the next time it is touched), so weeks of a large estate stay small.
 *
 * Layout for speed: the solver changes the load of hundreds of resources per
 * event in a large estate, so the per-resource state (last update time,
 * current load and capacity, the running integral of the current bucket)
 * lives in typed arrays indexed by resource. A resource's bucket history is
 * only touched when its current bucket closes.
 */
import { fail } from '../engine/errors.js';
import { growF64 } from '../engine/typed-arrays.js';

export interface UsageSeries {
  bucketSec: number;
  /** Mean load per bucket, in the resource's unit. */
  meanLoad: number[];
  /** Mean load / capacity per bucket, in [0, 1]. */
  meanUtilisation: number[];
}

/** Default bucket budget per resource: a day at one minute, a week at eight. */
export const DEFAULT_MAX_BUCKETS = 2048;

export class UsageLog {
  private lastT = new Float64Array(64);
  private load = new Float64Array(64);
  private cap = new Float64Array(64);
  private peak = new Float64Array(64);
  private total = new Float64Array(64); // integral of load up to lastT
  private curBucket = new Float64Array(64); // index of the open bucket
  private curLoad = new Float64Array(64); // integral of load in the open bucket
  private curUtil = new Float64Array(64);
  private closedLoad: number[][] = []; // per resource, integrals of closed buckets
  private closedUtil: number[][] = [];
  private gen = new Float64Array(64); // width generation each resource's buckets are in
  private n = 0;
  private width: number;
  private generation = 0;

  constructor(
    /** Initial bucket width, seconds. */
    readonly initialBucketSec: number,
    /** Most buckets a series holds before the width doubles. */
    readonly maxBuckets = DEFAULT_MAX_BUCKETS,
  ) {
    this.width = initialBucketSec;
  }

  /** Current bucket width, seconds (initialBucketSec times a power of two). */
  get bucketSec(): number {
    return this.width;
  }

  /** Registers resource r (ids are dense, in order) with its capacity at time t. */
  add(r: number, capacity: number, t: number): void {
    if (r !== this.n) throw new Error(`usage log: resource ${r} registered out of order`);
    this.n++;
    if (r >= this.lastT.length) this.grow();
    this.lastT[r] = t;
    this.cap[r] = capacity;
    this.ensureWidth(t);
    const b = Math.floor(t / this.width);
    this.curBucket[r] = b;
    this.gen[r] = this.generation;
    // Buckets before the resource existed hold nothing.
    this.closedLoad.push(new Array<number>(b).fill(0));
    this.closedUtil.push(new Array<number>(b).fill(0));
  }

  /** The load and capacity of r in force from time t on. */
  set(r: number, t: number, load: number, capacity: number): void {
    this.advance(r, t);
    this.load[r] = load;
    this.cap[r] = capacity;
    if (load > this.peak[r]!) this.peak[r] = load;
  }

  /** Integrates r's current load up to time t. */
  advance(r: number, t: number): void {
    const from = this.lastT[r]!;
    if (t <= from) return;
    this.ensureWidth(t);
    if (this.gen[r] !== this.generation) this.sync(r);
    const load = this.load[r]!;
    this.total[r] = this.total[r]! + load * (t - from);
    this.lastT[r] = t;
    const width = this.width;
    const util = this.cap[r]! > 0 ? load / this.cap[r]! : 0;
    let b = this.curBucket[r]!;
    let start = from;
    // Close every bucket that ends before t.
    while ((b + 1) * width <= t) {
      const end = (b + 1) * width;
      this.closeBucket(r, b, this.curLoad[r]! + load * (end - start), this.curUtil[r]! + util * (end - start));
      this.curLoad[r] = 0;
      this.curUtil[r] = 0;
      start = end;
      b++;
    }
    this.curBucket[r] = b;
    this.curLoad[r] = this.curLoad[r]! + load * (t - start);
    this.curUtil[r] = this.curUtil[r]! + util * (t - start);
  }

  private closeBucket(r: number, b: number, loadSec: number, utilSec: number): void {
    const loads = this.closedLoad[r]!;
    if (loads.length !== b) fail(`usage log: resource ${r} closes bucket ${b} with ${loads.length} closed`);
    loads.push(loadSec);
    this.closedUtil[r]!.push(utilSec);
  }

  /** Doubles the width until time t fits in the bucket budget. */
  private ensureWidth(t: number): void {
    while (t / this.width >= this.maxBuckets) {
      this.width *= 2;
      this.generation++;
    }
  }

  /** Brings r's buckets to the current width: neighbours merge once per doubling. */
  private sync(r: number): void {
    while (this.gen[r]! < this.generation) {
      const b = this.curBucket[r]!;
      mergePairs(this.closedLoad[r]!);
      mergePairs(this.closedUtil[r]!);
      if (b % 2 === 1) {
        // The last closed bucket and the open one become the new open bucket.
        this.curLoad[r] = this.curLoad[r]! + this.closedLoad[r]!.pop()!;
        this.curUtil[r] = this.curUtil[r]! + this.closedUtil[r]!.pop()!;
      }
      this.curBucket[r] = Math.floor(b / 2);
      this.gen[r]!++;
    }
  }

  totalLoadSec(r: number): number {
    return this.total[r]!;
  }

  peakLoad(r: number): number {
    return this.peak[r]!;
  }

  /** Mean load and utilisation per bucket from 0 up to `endSec` (the last bucket may be partial). */
  series(r: number, endSec: number): UsageSeries {
    this.advance(r, endSec);
    this.ensureWidth(endSec);
    if (this.gen[r] !== this.generation) this.sync(r);
    const width = this.width;
    const n = Math.ceil(endSec / width);
    const loads = this.closedLoad[r]!;
    const utils = this.closedUtil[r]!;
    const open = this.curBucket[r]!;
    const meanLoad: number[] = [];
    const meanUtilisation: number[] = [];
    for (let b = 0; b < n; b++) {
      const span = Math.min(width, endSec - b * width);
      const l = b < loads.length ? loads[b]! : b === open ? this.curLoad[r]! : 0;
      const u = b < utils.length ? utils[b]! : b === open ? this.curUtil[r]! : 0;
      meanLoad.push(span > 0 ? l / span : 0);
      meanUtilisation.push(span > 0 ? u / span : 0);
    }
    return { bucketSec: width, meanLoad, meanUtilisation };
  }

  private grow(): void {
    const size = this.lastT.length * 2;
    const g = (a: Float64Array): Float64Array<ArrayBuffer> => growF64(a, size);
    this.lastT = g(this.lastT);
    this.load = g(this.load);
    this.cap = g(this.cap);
    this.peak = g(this.peak);
    this.total = g(this.total);
    this.curBucket = g(this.curBucket);
    this.curLoad = g(this.curLoad);
    this.curUtil = g(this.curUtil);
    this.gen = g(this.gen);
  }
}

/**
 * Sums neighbours in place: [a, b, c, d, e] -> [a+b, c+d, e]. In place because every resource's two
 * histories merge at every doubling of the width, and new arrays were a good part of a run's garbage.
 */
function mergePairs(xs: number[]): void {
  const n = xs.length;
  const merged = Math.ceil(n / 2);
  // Slot k is written after slots 2k and 2k + 1 (both >= k) are read.
  for (let k = 0; k < merged; k++) xs[k] = xs[2 * k]! + (2 * k + 1 < n ? xs[2 * k + 1]! : 0);
  xs.length = merged;
}

/** One resource's view of the log (what `Resource.recorder` returns). */
export class ResourceUsage {
  constructor(private readonly log: UsageLog, private readonly r: number) {}

  get bucketSec(): number {
    return this.log.bucketSec;
  }

  /** Integral of load over time so far (unit * s), up to the last update. */
  get totalLoadSec(): number {
    return this.log.totalLoadSec(this.r);
  }

  /** Highest instantaneous load seen. */
  get peakLoad(): number {
    return this.log.peakLoad(this.r);
  }

  series(endSec: number): UsageSeries {
    return this.log.series(this.r, endSec);
  }
}
