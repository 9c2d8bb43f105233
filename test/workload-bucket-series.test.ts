import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketSeries } from '../sim/workload/bucket-series.js';

describe('a bucket series', () => {
  it('spreads intervals over buckets like a per-bucket sum, before and after growing past its initial storage', () => {
    // Buckets of 10 s; up to 4,000 (under the 4,096 allowed, so no merging), often more than the 1,024 allocated up front.
    const intervalArb = fc.array(fc.record({ length: fc.integer({ min: 1, max: 400 }), value: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 100 });
    fc.assert(
      fc.property(intervalArb, (intervals) => {
        const series = new BucketSeries(2, 10, 4096);
        const naive = new Map<number, number>();
        let t = 0;
        for (const { length, value } of intervals) {
          series.add(t, t + length, [value * length]);
          // Whole seconds: the value accrues at `value` per second.
          for (let s = t; s < t + length; s++) naive.set(Math.floor(s / 10), (naive.get(Math.floor(s / 10)) ?? 0) + value);
          t += length;
        }
        expect(series.bucketCount).toBe(Math.ceil(t / 10));
        for (let b = 0; b < series.bucketCount; b++) {
          expect(series.value(b, 0)).toBeCloseTo(Math.min(10, t - b * 10), 9);
          expect(series.value(b, 1)).toBeCloseTo(naive.get(b) ?? 0, 6);
        }
      }),
      { numRuns: 100 },
    );
  });
});
