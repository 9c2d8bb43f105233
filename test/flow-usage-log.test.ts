import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageLog, type UsageSeries } from '../sim/flow/usage-log.js';

/**
 * The usage log as it was written first, with growable arrays of numbers for
 * each resource's closed buckets: the reference the typed storage must match
 * bit for bit (same operations in the same order).
 */
class PlainUsageLog {
  private readonly lastT: number[] = [];
  private readonly load: number[] = [];
  private readonly cap: number[] = [];
  private readonly curBucket: number[] = [];
  private readonly curLoad: number[] = [];
  private readonly curUtil: number[] = [];
  private readonly closedLoad: number[][] = [];
  private readonly closedUtil: number[][] = [];
  private readonly gen: number[] = [];
  private width: number;
  private generation = 0;

  constructor(initialBucketSec: number, private readonly maxBuckets: number) {
    this.width = initialBucketSec;
  }

  add(r: number, capacity: number, t: number): void {
    this.lastT[r] = t;
    this.load[r] = 0;
    this.cap[r] = capacity;
    this.ensureWidth(t);
    const b = Math.floor(t / this.width);
    this.curBucket[r] = b;
    this.curLoad[r] = 0;
    this.curUtil[r] = 0;
    this.gen[r] = this.generation;
    this.closedLoad.push(new Array<number>(b).fill(0));
    this.closedUtil.push(new Array<number>(b).fill(0));
  }

  set(r: number, t: number, load: number, capacity: number): void {
    this.advance(r, t);
    this.load[r] = load;
    this.cap[r] = capacity;
  }

  advance(r: number, t: number): void {
    const from = this.lastT[r]!;
    if (t <= from) return;
    this.ensureWidth(t);
    if (this.gen[r] !== this.generation) this.sync(r);
    const load = this.load[r]!;
    this.lastT[r] = t;
    const width = this.width;
    const util = this.cap[r]! > 0 ? load / this.cap[r]! : 0;
    let b = this.curBucket[r]!;
    let start = from;
    while ((b + 1) * width <= t) {
      const end = (b + 1) * width;
      this.closedLoad[r]!.push(this.curLoad[r]! + load * (end - start));
      this.closedUtil[r]!.push(this.curUtil[r]! + util * (end - start));
      this.curLoad[r] = 0;
      this.curUtil[r] = 0;
      start = end;
      b++;
    }
    this.curBucket[r] = b;
    this.curLoad[r] = this.curLoad[r]! + load * (t - start);
    this.curUtil[r] = this.curUtil[r]! + util * (t - start);
  }

  private ensureWidth(t: number): void {
    while (t / this.width >= this.maxBuckets) {
      this.width *= 2;
      this.generation++;
    }
  }

  private sync(r: number): void {
    const merge = (xs: number[]): number[] => {
      const out: number[] = [];
      for (let i = 0; i < xs.length; i += 2) out.push(xs[i]! + (i + 1 < xs.length ? xs[i + 1]! : 0));
      return out;
    };
    while (this.gen[r]! < this.generation) {
      const b = this.curBucket[r]!;
      this.closedLoad[r] = merge(this.closedLoad[r]!);
      this.closedUtil[r] = merge(this.closedUtil[r]!);
      if (b % 2 === 1) {
        this.curLoad[r] = this.curLoad[r]! + this.closedLoad[r]!.pop()!;
        this.curUtil[r] = this.curUtil[r]! + this.closedUtil[r]!.pop()!;
      }
      this.curBucket[r] = Math.floor(b / 2);
      this.gen[r]!++;
    }
  }

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
}

type Step = { kind: 'add'; capacity: number } | { kind: 'set'; resource: number; load: number; capacity: number } | { kind: 'series'; resource: number };

const stepArb: fc.Arbitrary<{ dt: number; step: Step }> = fc.record({
  // Time steps from tiny to many buckets wide, so buckets close one at a time and in runs, and widths double often.
  dt: fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.integer({ min: 0, max: 400 })),
  step: fc.oneof(
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), capacity: fc.integer({ min: 0, max: 1000 }) }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), resource: fc.nat(), load: fc.double({ min: 0, max: 1e6, noNaN: true }), capacity: fc.integer({ min: 0, max: 1000 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('series' as const), resource: fc.nat() }) },
  ),
});

describe('the usage log', () => {
  it('keeps closed buckets in typed storage with exactly the series of the plain-array version, through width doublings', () => {
    // Idea: storage is an implementation detail. Whatever the order of registrations, load changes,
    // reads and jumps in time (across bucket-budget doublings, with odd and even open buckets), every
    // series read from the log equals, bit for bit, the one the plain-array log gives for the same calls.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.constantFrom(2, 4, 6, 16), fc.array(stepArb, { minLength: 1, maxLength: 120 }), (bucketSec, maxBuckets, steps) => {
        const log = new UsageLog(bucketSec, maxBuckets);
        const plain = new PlainUsageLog(bucketSec, maxBuckets);
        let n = 0;
        let t = 0;
        for (const { dt, step } of steps) {
          t += dt;
          if (step.kind === 'add' || n === 0) {
            const capacity = step.kind === 'add' ? step.capacity : 100;
            log.add(n, capacity, t);
            plain.add(n, capacity, t);
            n++;
          } else if (step.kind === 'set') {
            log.set(step.resource % n, t, step.load, step.capacity);
            plain.set(step.resource % n, t, step.load, step.capacity);
          } else {
            expect(log.series(step.resource % n, t)).toEqual(plain.series(step.resource % n, t));
          }
        }
        const end = t + 1;
        for (let r = 0; r < n; r++) expect(log.series(r, end)).toEqual(plain.series(r, end));
      }),
      { numRuns: 300 },
    );
  });
});
