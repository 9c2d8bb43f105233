import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import type { ProxyImageOptions } from '../strategies/proxy-image/options.js';
import { runDesign } from '../strategies/run.js';
import { GIB, STEADY_WORKLOAD, proxyWorld } from './support/proxy-worlds.js';

// Databases that keep writing while their backup runs, on an array that takes hardware snapshots.
const vms = Array.from({ length: 3 }, (_, i) => ({
  name: `db${i}`,
  diskBytes: [6 * GIB, 24 * GIB],
  guest: { appDataBytes: [0, 20 * GIB], applications: [{ kind: 'sql-server', diskIndex: 1 }] },
  workload: STEADY_WORKLOAD,
}));
// Guest writes land every minute and the datastore is modest, so a backup lasts several batches.
const world = proxyWorld({ vms, hardwareSnapshots: true, changeBatchSec: 60, datastore: { bandwidthBytesPerSec: 150e6 } });

function run(options: ProxyImageOptions) {
  return runDesign(world, proxyImageDesign('array', options), { seed: 9, days: 2 }).result;
}

describe('backup from array snapshots (claim 7)', () => {
  it('keeps the VM snapshot to seconds and costs production less snapshot I/O than a software snapshot', () => {
    const software = run({ transport: 'san' });
    const array = run({ snapshot: 'array', transport: 'san' });
    expect(array.snapshots.count).toBe(software.snapshots.count);
    expect(array.snapshots.lifetimeSec.max).toBeLessThan(10);
    expect(software.snapshots.lifetimeSec.max).toBeGreaterThan(10 * array.snapshots.lifetimeSec.max);
    const extra = (r: typeof array): number => r.snapshots.extraIoBytes + r.storageSnapshots.extraIoBytes;
    expect(extra(array)).toBeLessThan(extra(software));
    expect(array.storageSnapshots.count).toBe(array.snapshots.count);
    // The data read is the same either way, and the points stay application-consistent.
    expect(array.bytes.read).toBe(software.bytes.read);
    expect(array.consistency.every((c) => c.latest === 'application-consistent')).toBe(true);
  });

  it('falls back to a software snapshot where the array takes no hardware snapshots, and says so', () => {
    const plainArray = proxyWorld({ vms: vms.slice(0, 1), hardwareSnapshots: false });
    const result = runDesign(plainArray, proxyImageDesign('array', { snapshot: 'array' }), { seed: 9, days: 1 });
    const [job] = result.recorder.jobs;
    expect(job!.outcome.state).toBe('degraded');
    expect(job!.outcome.state === 'degraded' && job!.outcome.reason).toMatch(/takes no hardware snapshots/);
    expect(job!.restorePointId).not.toBeNull();
  });

  it("spares Hyper-V 2008 R2 the software provider's copy-on-write I/O when a hardware provider takes the snapshot", () => {
    const hyperV = (options: ProxyImageOptions) =>
      runDesign(proxyWorld({ platform: 'hyperv-2008r2', vms, hardwareSnapshots: true, changeBatchSec: 60, datastore: { bandwidthBytesPerSec: 150e6 } }), proxyImageDesign('vss', options), {
        seed: 9,
        days: 1,
      }).result;
    const software = hyperV({});
    const hardware = hyperV({ snapshot: 'array' });
    // Copy-on-write copies the old block aside on the first write after the snapshot: extra I/O while the guest writes.
    expect(software.snapshots.extraIoBytes).toBeGreaterThan(0);
    expect(hardware.snapshots.extraIoBytes + hardware.storageSnapshots.extraIoBytes).toBe(0);
  });
});
