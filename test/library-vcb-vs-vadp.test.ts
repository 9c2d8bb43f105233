import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../strategies/recorder.js';
import type { DesignRun } from '../strategies/run.js';
import { compileLibrary, design, runLibraryDesigns } from './support/library.js';

/** The proxy of scenarios/library/vcb-vs-vadp.yaml runs two tasks (VM disks) at once. */
const PROXY_TASK_SLOTS = 2;

const run = (assignment: Record<string, string | number>, designs?: string[]): Record<string, DesignRun> => runLibraryDesigns(compileLibrary('vcb-vs-vadp', assignment), designs);
const jobs = (r: DesignRun, kind: JobRecord['kind']): JobRecord[] => r.recorder.jobs.filter((j) => j.kind === kind);
const sum = (js: readonly JobRecord[], f: (j: JobRecord) => number): number => js.reduce((s, j) => s + f(j), 0);

/**
 * Chunks that differ between each restore point and the one before it, over
 * every machine the run protected: what really changed between backups, read
 * back from the repository, independent of how the backup found it.
 */
function changedChunksBetweenPoints(r: DesignRun): number {
  let changed = 0;
  for (const { repository } of r.repositories.values()) {
    for (const machine of repository.machines()) {
      const points = repository.points(machine);
      for (let k = 1; k < points.length; k++) {
        for (const disk of points[k]!.disks) {
          const before = repository.reconstruct(points[k - 1]!.id, disk.name);
          const after = repository.reconstruct(points[k]!.id, disk.name);
          if (before.state === 'not-found' || after.state === 'not-found') throw new Error(`${machine}: point gone before the test read it`);
          for (let i = 0; i < disk.chunkCount; i++) if (before.image.contentAt(i) !== after.image.contentAt(i)) changed++;
        }
      }
    }
  }
  return changed;
}

describe('scenarios/library/vcb-vs-vadp.yaml (claim 6)', () => {
  const vcb = design(run({ platform: 'vsphere-3.5' }, ['image-cbt']), 'image-cbt');
  const vadpRuns = run({ platform: 'vsphere-4' });
  const vadp = design(vadpRuns, 'image-cbt');
  const fullReads = design(vadpRuns, 'image-full-reads');
  const chunkSizeBytes = vadp.world.chunkSizeBytes;

  it('sweeps the platform version and the daily change rate it says it does', () => {
    expect(compileLibrary('vcb-vs-vadp').vary).toEqual([
      { key: 'platform', values: ['vsphere-3.5', 'vsphere-4'] },
      { key: 'fleets[0].change.daily', values: ['2%', '10%'] },
    ]);
  });

  it('makes VCB stage about one whole snapshot per proxy task in its holding area, and VADP none', () => {
    // Measured (seed 1): the largest VM snapshot (a file server: 4 GiB of OS, 24 GiB of files)
    // is 30.1 GB; the VCB proxy's holding area peaks at 60.1 GB, two such copies at once on its
    // two task slots. VADP reads the snapshot in place: 0 bytes staged.
    const largestSnapshotBytes = Math.max(...jobs(vcb, 'full').map((j) => j.bytesLogical));
    expect(vcb.result.holdingAreaPeakBytes.max).toBeGreaterThanOrEqual(largestSnapshotBytes);
    expect(vcb.result.holdingAreaPeakBytes.max).toBeLessThanOrEqual(PROXY_TASK_SLOTS * largestSnapshotBytes);
    expect(vadp.result.holdingAreaPeakBytes.max).toBe(0);
    // Every VCB job copied its whole snapshot first: nights of 2312 s each, against 1181 s for
    // the first VADP full and 140 s for its CBT incrementals.
    for (const j of vcb.recorder.jobs) expect(j.notes.some((n) => n.includes('holding-area'))).toBe(true);
    expect(vcb.result.window.durationSec.mean).toBeGreaterThan(3 * vadp.result.window.durationSec.mean);
  });

  it('reads only full snapshots under VCB, where CBT incrementals read a fraction of them', () => {
    // Measured: the 24 incrementals read 455 GB under VCB (ESX 3.5 keeps no change tracking: each
    // is a full read, and says so), 9.2 GB with CBT on vSphere 4, 455 GB on vSphere 4 with CBT off.
    const incrementalRead = (r: DesignRun): number => sum(jobs(r, 'incremental'), (j) => j.bytesRead);
    const incrementalLogical = sum(jobs(vcb, 'incremental'), (j) => j.bytesLogical);
    expect(incrementalRead(vcb)).toBe(incrementalLogical);
    expect(jobs(vcb, 'incremental').every((j) => j.outcome.state === 'degraded')).toBe(true);
    expect(incrementalRead(vadp)).toBeLessThan(incrementalRead(vcb) / 20);
    expect(incrementalRead(fullReads)).toBeGreaterThan(20 * incrementalRead(vadp));
  });

  it('makes CBT incrementals read exactly the chunks that changed between points, at any change rate', () => {
    const busy = design(run({ platform: 'vsphere-4', 'fleets[0].change.daily': '10%' }, ['image-cbt']), 'image-cbt');
    const incrementalRead = (r: DesignRun): number => sum(jobs(r, 'incremental'), (j) => j.bytesRead);
    // Measured: at 2% a day, 2199 chunks changed between consecutive points and the incrementals
    // read 2199 chunks' worth (9.2 GB); at 10% a day, 10851 chunks and 45.5 GB.
    for (const r of [vadp, busy]) expect(incrementalRead(r)).toBe(changedChunksBetweenPoints(r) * chunkSizeBytes);
    expect(incrementalRead(busy)).toBeGreaterThan(4 * incrementalRead(vadp));
    // Reading everything costs the same whatever changed: the full-read design's incrementals
    // read 455 GB, 49 times the CBT ones at 2%.
    expect(sum(jobs(fullReads, 'incremental'), (j) => j.bytesRead)).toBeGreaterThan(20 * changedChunksBetweenPoints(fullReads) * chunkSizeBytes);
  });
});
