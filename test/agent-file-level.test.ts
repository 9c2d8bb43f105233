import { describe, expect, it } from 'vitest';
import type { WorldSpec } from '../sim/world/index.js';
import { agentDesign } from '../strategies/agent/index.js';
import type { JobRecord } from '../strategies/recorder.js';
import { DAY, GIB, HOUR, MIB, onlyRepository, runDesign, type HarnessRun } from './support/guest-design-harness.js';

function spec(): WorldSpec {
  return {
    chunkSizeBytes: 4 * MIB,
    changeBatchSec: 900,
    estate: {
      hosts: [{ name: 'esx-01', cores: 16, clockGhz: 2.5 }],
      datastores: [{ name: 'san-01', kind: 'san', hosts: ['esx-01'], bandwidthBytesPerSec: 2e9, iops: 50_000 }],
      targets: [{ name: 'repo', kind: 'disk' }],
      vms: [{ name: 'app-01', host: 'esx-01', vcpus: 2, disks: [{ datastore: 'san-01', sizeBytes: 4 * GIB }], workload: 'idle' }],
      physicalServers: [{ name: 'db-01', disk: { sizeBytes: 4 * GIB } }],
    },
    guests: [
      // 3 GiB of OS in 64 MiB files; a few percent of the disk changes a day, flat over the day.
      { machine: 'app-01', template: 'ubuntu1804', change: [{ dailyChangeFraction: 0.03, profile: 'flat' }] },
      { machine: 'db-01', template: 'ubuntu1804', change: [{ dailyChangeFraction: 0.03, profile: 'flat' }] },
    ],
  };
}

function jobsOf(run: HarnessRun, machine: string): JobRecord[] {
  return run.recorder.jobs.filter((j) => j.machine === machine);
}

/** Chunks whose content differs between two restore points of a disk. */
function changedBetween(run: HarnessRun, a: string, b: string, disk: string): number {
  const repo = onlyRepository(run).repository;
  const x = repo.reconstruct(Number(a), disk);
  const y = repo.reconstruct(Number(b), disk);
  if (x.state !== 'intact' || y.state !== 'intact') throw new Error('points must reconstruct intact');
  const xs = x.image.read(0, x.image.chunkCount);
  const ys = y.image.read(0, y.image.chunkCount);
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] !== ys[i]) n++;
  return n;
}

describe('the in-guest agent at file level', () => {
  it('takes a weekly full then daily incrementals, starting at 22:00 on VMs and physical servers alike', () => {
    const run = runDesign(spec(), agentDesign('agents', {}), { endSec: DAY + 23 * HOUR });
    expect(run.plan.unprotected).toEqual([]);
    for (const m of ['vm/app-01', 'physical/db-01']) {
      const jobs = jobsOf(run, m);
      expect(jobs.map((j) => [j.kind, j.outcome.state, j.startSec])).toEqual([
        ['full', 'done', 22 * HOUR],
        ['incremental', 'done', DAY + 22 * HOUR],
      ]);
    }
  });

  it('reads every changed file whole, so an incremental reads more than the chunks that changed', () => {
    const run = runDesign(spec(), agentDesign('agents', {}), { endSec: DAY + 23 * HOUR });
    const [full, incremental] = jobsOf(run, 'vm/app-01');
    const changedBytes = changedBetween(run, full!.restorePointId!, incremental!.restorePointId!, 'disk/0') * 4 * MIB;
    expect(changedBytes).toBeGreaterThan(0);
    expect(incremental!.bytesRead).toBeGreaterThanOrEqual(changedBytes);
    // Files average 64 MiB (16 chunks) and changes are scattered: whole-file reads amplify them.
    expect(incremental!.bytesRead).toBeGreaterThan(2 * changedBytes);
    expect(incremental!.bytesRead).toBeLessThan(full!.bytesRead);
  });

  it('holds in each restore point exactly what the disk held at its freeze instant', () => {
    const probes: { sec: number; content: Uint32Array }[] = [];
    const run = runDesign(spec(), agentDesign('agents', {}), {
      endSec: DAY + 23 * HOUR,
      before: ({ sim, world }) => {
        const disk = world.machine('app-01').guest.disks[0]!;
        // Between write batches the disk does not change: a probe one second before a freeze sees its content.
        for (const sec of [22 * HOUR + 1, DAY + 22 * HOUR + 1]) {
          sim.process(`test/probe-${sec}`, (function* () {
            yield sec - sim.now;
            probes.push({ sec, content: disk.read(0, disk.chunkCount) });
          })());
        }
      },
    });
    const repo = onlyRepository(run).repository;
    const points = repo.points('vm/app-01');
    expect(points.length).toBe(2);
    points.forEach((p, k) => {
      const image = repo.reconstruct(p.id, 'disk/0');
      if (image.state !== 'intact') throw new Error('point must reconstruct intact');
      expect(Array.from(image.image.read(0, image.image.chunkCount))).toEqual(Array.from(probes[k]!.content));
    });
  });

  it('spends its CPU inside the guest and its reads on the VM datastore', () => {
    const run = runDesign(spec(), agentDesign('agents', {}), { endSec: DAY });
    const [full] = jobsOf(run, 'vm/app-01');
    expect(full!.cpuCycles.guest).toBeGreaterThan(full!.cpuCycles.host);
    expect(full!.cpuCycles.host).toBeGreaterThan(0);
    expect(full!.cpuCycles.proxy).toBe(0);
    expect(full!.bytesSent).toBeLessThan(full!.bytesRead);
  });
});
