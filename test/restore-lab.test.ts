import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import type { RestoreDrill } from '../strategies/restore/index.js';
import { runWithRestores } from './support/restore-harness.js';
import { DAY, GIB, HOUR, RESTORE_WORKLOAD, restoreWorld } from './support/restore-worlds.js';

const SPEC = restoreWorld({
  vms: [
    { name: 'web', workload: RESTORE_WORKLOAD },
    { name: 'db', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB], applications: [{ kind: 'sql-server', diskIndex: 1 }] }, workload: RESTORE_WORKLOAD },
  ],
});

const LAB: RestoreDrill = { kind: 'virtual-lab', machine: 'web', labMachines: ['db'], atSec: DAY + 10 * HOUR, labRunSec: 2 * HOUR };

function run(drills: readonly RestoreDrill[]) {
  return runWithRestores(SPEC, proxyImageDesign('image', {}), { seed: 7, endSec: 2 * DAY, workloads: true, drills });
}

describe('virtual lab', () => {
  it('starts several restore points beside production, reachable through NAT, served by the repository', () => {
    const { drills } = run([LAB]);
    expect(drills.reports.map((r) => r.machine).sort()).toEqual(['vm/db', 'vm/web']);
    for (const r of drills.reports) {
      expect(r.record.kind).toBe('virtual-lab');
      expect(r.record.outcome).toEqual({ state: 'done', verified: true });
      expect(r.resources).toContain('lab/image/0/nat');
      expect(r.resources).toContain('lab/image/0/network');
      expect(r.resources).toContain('target/repo/bandwidth');
      expect(r.running!.ranSec).toBeCloseTo(2 * HOUR, 0);
      expect(r.running!.ioDeliveredBytes).toBeGreaterThan(0);
    }
  });

  it('never touches production data: no flow crosses a production datastore, and every production disk ends as it would without the lab', () => {
    const withLab = run([LAB]);
    const without = run([]);
    for (const r of withLab.drills.reports) {
      expect(r.bytesWritten).toBe(0);
      expect(r.resources.filter((name) => name.startsWith('datastore/') || name.startsWith('physical/'))).toEqual([]);
    }
    for (const m of withLab.world.machines) {
      const twin = without.world.machine(m.name);
      m.guest.disks.forEach((disk, i) => {
        expect(disk.writeCount).toBe(twin.guest.disks[i]!.writeCount);
        expect(disk.read(0, disk.chunkCount)).toEqual(twin.guest.disks[i]!.read(0, disk.chunkCount));
      });
    }
  });
});
