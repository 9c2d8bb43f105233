/**
 * Backup-engine benchmark (issue 4, "Figures to reach"): proxy image backups
 * with CBT and source dedupe of 1,000 VMs with 100 GiB disks at 1 MiB chunks:
 * one night in under 2 s, 30 nights in under 30 s.
 *
 * The estate: 50 hosts of 20 VMs, 10 SAN datastores, 10 physical proxies of
 * 16 cores zoned to all of them, one disk repository. Each VM runs Windows
 * Server 2016 (16 GiB template) with 16 GiB of application data on its
 * 100 GiB disk, with the default production workload and change process. The
 * schedule is the design's default: 22:00, an active full on night 0 and
 * every 7 nights, incrementals otherwise.
 *
 * A "night" is simulated from noon to noon, so it holds the evening's
 * production, the backups and the next morning. Building the world (1,000
 * guests with 100 GiB disks) is untimed preparation for the night tasks and
 * measured on its own; the 30-night task is a whole run from the spec,
 * world building and results included.
 */
import { Simulation } from '../sim/engine/simulation.js';
import { GIB, MIB } from '../sim/disk/units.js';
import { buildWorld } from '../sim/world/build-world.js';
import type { WorldSpec } from '../sim/world/world-spec.js';
import { proxyImageDesign } from '../strategies/index.js';
import { RunSession, runDesign } from '../strategies/run.js';
import { runTasks } from './harness.js';

const VM_COUNT = 1000;
const HOSTS = 50;
const DATASTORES = 10;
const PROXIES = 10;
const DAY_SEC = 86_400;
const NOON_SEC = 43_200;

export function benchWorld(vmCount = VM_COUNT): WorldSpec {
  const hosts = Array.from({ length: HOSTS }, (_, i) => ({ name: `esx-${i}` }));
  const datastores = Array.from({ length: DATASTORES }, (_, i) => ({
    name: `san-${i}`,
    kind: 'san' as const,
    hosts: hosts.filter((_, h) => h % DATASTORES === i).map((h) => h.name),
  }));
  const names = Array.from({ length: vmCount }, (_, i) => `vm-${String(i).padStart(4, '0')}`);
  return {
    chunkSizeBytes: MIB,
    estate: {
      hosts,
      datastores,
      proxies: Array.from({ length: PROXIES }, (_, i) => ({ name: `proxy-${i}`, kind: 'physical' as const, cores: 16, sanDatastores: datastores.map((d) => d.name) })),
      targets: [{ name: 'repo', kind: 'disk' as const, bandwidthBytesPerSec: 4e9, iops: 200_000, nicBytesPerSec: 5e9 }],
      vms: names.map((name, i) => ({ name, host: `esx-${i % HOSTS}`, disks: [{ datastore: `san-${(i % HOSTS) % DATASTORES}`, sizeBytes: 100 * GIB }] })),
    },
    guests: names.map((machine) => ({ machine, template: 'win2016', appDataBytes: [16 * GIB] })),
  };
}

const design = () => proxyImageDesign('vadp-cbt-source', { dedupe: 'source' });

/** A night task: prepare a session up to noon of day `night`, then time the 24 hours that follow. */
function nightTask(night: number): { beforeEach: () => void; fn: () => unknown } {
  const spec = benchWorld();
  let session: RunSession | null = null;
  return {
    beforeEach: () => {
      session = new RunSession(spec, design(), { seed: 1, days: night + 2 }).advanceTo(night * DAY_SEC + NOON_SEC);
    },
    fn: () => {
      // Drop the reference first, so the next preparation does not hold two estates in memory.
      const s = session!.advanceTo((night + 1) * DAY_SEC + NOON_SEC);
      session = null;
      const unfinished = s.recorder.starts.length - s.recorder.jobs.length;
      if (unfinished !== 0) throw new Error(`night ${night}: ${unfinished} jobs still running at noon`);
      return s.recorder.jobs.length;
    },
  };
}

export async function run(): Promise<void> {
  const spec = benchWorld();
  await runTasks(
    'backup: proxy image, CBT, source dedupe, 1,000 VMs x 100 GiB at 1 MiB chunks',
    [
      { name: 'build the world (untimed in the night tasks)', fn: () => buildWorld(new Simulation({ seed: 1 }), spec), itemsPerRun: VM_COUNT, itemName: 'VMs' },
      { name: 'night 0, noon to noon: active fulls', ...nightTask(0), itemsPerRun: VM_COUNT, itemName: 'VM backups', target: '< 2 s' },
      { name: 'night 1, noon to noon: CBT incrementals', ...nightTask(1), itemsPerRun: VM_COUNT, itemName: 'VM backups', target: '< 2 s' },
    ],
    { iterations: 3, warmup: false },
  );
  await runTasks(
    'backup: 30 nights of the same estate, from the spec (world building and results included)',
    [
      {
        name: '30 nights (weekly fulls, daily incrementals)',
        fn: () => runDesign(spec, design(), { seed: 1, days: 30 }).result,
        itemsPerRun: 30 * VM_COUNT,
        itemName: 'VM backups',
        target: '< 30 s',
      },
    ],
    { iterations: 1, warmup: false },
  );
}
