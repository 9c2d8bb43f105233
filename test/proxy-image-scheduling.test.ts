import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import { runDesign } from '../strategies/run.js';
import { GIB, STEADY_WORKLOAD, proxyWorld } from './support/proxy-worlds.js';

// Eight busy VMs on one mid-range datastore: their application I/O runs all night.
const vms = Array.from({ length: 8 }, (_, i) => ({
  name: `app${i}`,
  diskBytes: [6 * GIB, 6 * GIB],
  guest: { appDataBytes: [0, 4 * GIB] },
  workload: STEADY_WORKLOAD,
}));
const world = proxyWorld({ vms, datastore: { bandwidthBytesPerSec: 400e6, iops: 20_000 } });

function night(options: Parameters<typeof proxyImageDesign>[1]) {
  return runDesign(world, proxyImageDesign('central', options), { seed: 7, days: 1 }).result;
}

describe('central scheduling of proxy backups (claim 2)', () => {
  it('lowers production latency inflation during the backup with fewer concurrent tasks than unlimited', () => {
    const unlimited = night({ limits: { perDatastore: null, perProxy: null } });
    const limited = night({ limits: { perDatastore: 1 } });
    // Same work either way...
    expect(limited.bytes.read).toBe(unlimited.bytes.read);
    // ...spread over a longer window at a lower load on the shared datastore.
    expect(limited.window.durationSec.max).toBeGreaterThan(unlimited.window.durationSec.max);
    expect(limited.impact.duringBackup.latencyInflationMean).toBeLessThan(unlimited.impact.duringBackup.latencyInflationMean);
    expect(limited.impact.duringBackup.latencyInflationP95).toBeLessThan(unlimited.impact.duringBackup.latencyInflationP95);
  });

  it('holds new jobs back while the datastore is busier than the throttle allows', () => {
    const throttled = night({ limits: { perDatastore: null, perProxy: null }, throttle: { maxDatastoreUtilisation: 0.3, checkEverySec: 30 } });
    const unlimited = night({ limits: { perDatastore: null, perProxy: null } });
    expect(throttled.impact.duringBackup.latencyInflationMean).toBeLessThan(unlimited.impact.duringBackup.latencyInflationMean);
    expect(throttled.jobs.done).toBe(vms.length);
  });

  it('never opens more snapshots on a datastore at once than its limit', () => {
    const run = runDesign(world, proxyImageDesign('two', { limits: { perDatastore: 2 } }), { seed: 7, days: 1 });
    const spans = run.recorder.jobs.map((j) => [j.snapshot!.createdSec, j.snapshot!.deletedSec] as const);
    for (const [t] of spans) expect(spans.filter(([a, b]) => a <= t && t < b).length).toBeLessThanOrEqual(2);
  });
});
