import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import { simulateDesign, simulateDesigns } from '../strategies/run.js';
import { GIB, STEADY_WORKLOAD, proxyWorld } from './support/proxy-worlds.js';

const world = proxyWorld({
  vms: [
    { name: 'a', diskBytes: [6 * GIB], workload: STEADY_WORKLOAD },
    { name: 'b', diskBytes: [6 * GIB], workload: STEADY_WORKLOAD },
  ],
  physicalServers: true,
});

describe('the results of a proxy image run', () => {
  it('are plain JSON: a round trip through JSON changes nothing', () => {
    const result = simulateDesign(world, proxyImageDesign('vadp', {}), { seed: 1, days: 3 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('measure one backup window per night, from 22:00 to the last job end, and the RPO achieved', () => {
    const r = simulateDesign(world, proxyImageDesign('vadp', {}), { seed: 1, days: 3 });
    expect(r.windows.map((w) => w.startSec)).toEqual([0, 1, 2].map((n) => n * 86_400 + 22 * 3600));
    for (const w of r.windows) expect(w.durationSec).toBeGreaterThan(0);
    // Nightly points: consecutive points a day apart, the newest about two hours old at midnight.
    expect(r.recoveryPoints.rpoMaxGapSec).toBeCloseTo(86_400, -1);
    expect(r.recoveryPoints.rpoLastPointAgeSecMax).toBeGreaterThan(7000);
    expect(r.recoveryPoints.rpoLastPointAgeSecMax).toBeLessThan(7300);
    expect(r.unprotected.map((u) => u.machine)).toEqual(['physical/phys0']);
    expect(r.jobs).toMatchObject({ total: 6, failed: 0, unfinishedAtEnd: 0 });
  });

  it('compares designs on identical worlds: the same production demand under every design', () => {
    const [source, target] = simulateDesigns(world, [proxyImageDesign('source', { dedupe: 'source' }), proxyImageDesign('target', { dedupe: 'target' })], { seed: 5, days: 2 });
    expect(source!.impact.overall.ioDemandedBytes).toBe(target!.impact.overall.ioDemandedBytes);
    expect(source!.bytes.read).toBe(target!.bytes.read);
    expect(source!.design).toBe('source');
    expect(target!.design).toBe('target');
  });

  it('show production slowed during the backup more than over the whole day', () => {
    const r = simulateDesign(world, proxyImageDesign('vadp', { limits: { perDatastore: null, perProxy: null } }), { seed: 1, days: 1 });
    expect(r.impact.duringBackup.observedMachineSec).toBeGreaterThan(0);
    expect(r.impact.duringBackup.latencyInflationMean).toBeGreaterThan(r.impact.overall.latencyInflationMean);
  });
});
