import { describe, expect, it } from 'vitest';
import type { RestoreRecord } from '../strategies/recorder.js';
import type { DesignResult, RestoreKindFigures } from '../strategies/results.js';
import type { DesignRun } from '../strategies/run.js';
import { compileLibrary, design, runLibraryDesigns, serviceSec } from './support/library.js';

const kindOf = (r: DesignResult, kind: string): RestoreKindFigures => r.restores.find((k) => k.kind === kind)!;
const recordOf = (run: DesignRun, kind: string): RestoreRecord => run.recorder.restores.find((x) => x.kind === kind)!;

describe('scenarios/library/instant-recovery.yaml (claim 8)', () => {
  const runs = runLibraryDesigns(compileLibrary('instant-recovery'));
  const disk = design(runs, 'vadp-to-disk');
  const appliance = design(runs, 'vadp-to-dedupe-appliance');

  it('restores every drill of the same machine from both targets, each checked chunk for chunk', () => {
    for (const run of [disk, appliance]) {
      expect(run.recorder.restores.map((x) => [x.kind, x.machine, x.outcome.state])).toEqual([
        ['file', 'vm/sql-01', 'done'],
        ['vm', 'vm/sql-01', 'done'],
        ['instant-recovery', 'vm/sql-01', 'done'],
      ]);
      for (const x of run.recorder.restores) expect(x.outcome).toMatchObject({ verified: true });
    }
  });

  it('brings service back far sooner by running the VM from its backup than by restoring it in full', () => {
    // Measured (seed 1), sql-01 (200 GiB of disks): a full restore copies 70.8 GB back before
    // the VM can start, 234 s on either target; instant recovery boots it from the published
    // backup in 14.3 s (disk) and 18.6 s (dedupe appliance).
    for (const run of [disk, appliance]) {
      expect(serviceSec(run.result, 'instant-recovery')).toBeLessThan(serviceSec(run.result, 'vm') / 10);
      // The whole move back still takes at least as long as the full restore did: 249 s on disk.
      expect(kindOf(run.result, 'instant-recovery').completeSec.mean).toBeGreaterThan(serviceSec(run.result, 'vm'));
    }
  });

  it('runs slowly from a deduplicating appliance, whose random reads rehydrate', () => {
    const fromDisk = kindOf(disk.result, 'instant-recovery').runFromBackup!;
    const fromAppliance = kindOf(appliance.result, 'instant-recovery').runFromBackup!;
    // Measured: from the disk repository the VM gets all the I/O it asks (1.00) and moves back
    // in 235 s; from the appliance it gets 0.82 of it and runs from the backup for 3266 s,
    // because every 64 KiB read rehydrates whole stored blocks on the appliance's CPUs.
    expect(fromDisk.ioDeliveredRatio).toBeGreaterThan(0.99);
    expect(fromAppliance.ioDeliveredRatio).toBeLessThan(fromDisk.ioDeliveredRatio - 0.1);
    expect(fromAppliance.ranSec.mean).toBeGreaterThan(5 * fromDisk.ranSec.mean);
    // Even booting is slower there (18.6 s against 14.3 s).
    expect(serviceSec(appliance.result, 'instant-recovery')).toBeGreaterThan(1.2 * serviceSec(disk.result, 'instant-recovery'));
  });

  it('restores a single file from the image without restoring its VM', () => {
    // Measured: the largest file (67 MB) comes back in 0.2 s, reading 6.7e7 bytes against the
    // 7.1e10 the full restore reads.
    for (const run of [disk, appliance]) {
      const file = recordOf(run, 'file');
      expect(file.bytesRead).toBeLessThan(recordOf(run, 'vm').bytesRead / 100);
      expect(file.completeSec - file.requestedSec).toBeLessThan(serviceSec(run.result, 'vm') / 100);
    }
  });
});
