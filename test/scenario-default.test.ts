import { describe, expect, it } from 'vitest';
import { runPattern } from '../scenarios/default.js';

describe('the built-in default scenario', () => {
  const allAtOnce = runPattern('all-at-once', 1);
  const throughSlots = runPattern('proxy-slots', 1);

  it('finishes sooner when every read starts at once', () => {
    expect(allAtOnce.backupWindowSec).toBeLessThan(throughSlots.backupWindowSec);
    expect(allAtOnce.throughputBytesPerSec).toBeGreaterThan(throughSlots.throughputBytesPerSec);
  });

  it('hurts production latency less when reads go through a few proxy slots (claim 2: central scheduling lowers contention)', () => {
    expect(throughSlots.nightLatencyInflationP95Max).toBeLessThan(allAtOnce.nightLatencyInflationP95Max);
    expect(throughSlots.nightLatencyInflationMeanAvg).toBeLessThan(allAtOnce.nightLatencyInflationMeanAvg);
  });

  it('gives identical results for the same seed', () => {
    expect(runPattern('all-at-once', 1)).toEqual(allAtOnce);
  });
});
