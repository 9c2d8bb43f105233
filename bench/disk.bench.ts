/**
 * Disk-layer benchmark (issue 3, "Figures to reach"): one simulated day of
 * changes applied to 1,000 VMs with 100 GiB disks at 1 MiB chunks and about
 * 5% daily change, target < 0.5 s; the estate's disk state must stay < 1 GiB.
 *
 * Each VM is built from a Windows Server 2016 template (16 GiB) plus 64 GiB of
 * application data, so 80 GiB of its 100 GiB (81,920 of 102,400 chunks) are in
 * use and changing 5% a day means about 4,100 distinct chunks a day. Every
 * sample applies the next day, so the estate keeps evolving across samples.
 * A second task repeats the day with VMware CBT attached to every disk, to
 * show what per-write tracking costs.
 */
import { RandomStreams } from '../sim/engine/random.js';
import { ChangeProcess } from '../sim/disk/change-process.js';
import { ContentSpace } from '../sim/disk/content-space.js';
import { TemplatePool } from '../sim/disk/template-pool.js';
import { GIB, MIB, SECONDS_PER_DAY } from '../sim/disk/units.js';
import type { VirtualDisk } from '../sim/disk/virtual-disk.js';
import { buildVmDisk } from '../sim/disk/vm-disk.js';
import { VmwareCbt } from '../sim/tracking/vmware-cbt.js';
import { runTasks } from './harness.js';

const VM_COUNT = 1000;
const DISK_BYTES = 100 * GIB;
const APP_DATA_BYTES = 64 * GIB;
const DAILY_CHANGE_FRACTION = 0.05;

interface Estate {
  disks: VirtualDisk[];
  processes: ChangeProcess[];
}

function buildEstate(): Estate {
  const space = new ContentSpace(MIB);
  const pool = new TemplatePool(space);
  const streams = new RandomStreams(42);
  const disks: VirtualDisk[] = [];
  const processes: ChangeProcess[] = [];
  for (let v = 0; v < VM_COUNT; v++) {
    const name = `vm/bench-${String(v).padStart(4, '0')}/disk/0`;
    const { disk } = buildVmDisk({ name, provisionedBytes: DISK_BYTES, template: 'win2016', appDataBytes: APP_DATA_BYTES }, pool, space);
    disks.push(disk);
    const changes = `${name}/changes`;
    processes.push(new ChangeProcess(disk, space, streams.stream(changes), { name: changes, preset: 'sizing-assumption', dailyChangeFraction: DAILY_CHANGE_FRACTION }));
  }
  return { disks, processes };
}

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`;
}

export async function run(): Promise<void> {
  const before = process.memoryUsage();
  const buildStart = process.hrtime.bigint();
  const estate = buildEstate();
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  const after = process.memoryUsage();
  const diskStateBytes = estate.disks.reduce((sum, d) => sum + d.stateByteLength, 0);

  let day = 0;
  let writesLastDay = 0;
  const applyDay = (): number => {
    const from = day * SECONDS_PER_DAY;
    day++;
    let writes = 0;
    for (let v = 0; v < VM_COUNT; v++) writes += estate.processes[v]!.applyWrites(estate.disks[v]!, from, from + SECONDS_PER_DAY).chunkWrites;
    writesLastDay = writes;
    return writes;
  };
  const expectedWrites = estate.processes.reduce((s, p) => s + p.expectedChunkWrites(0, SECONDS_PER_DAY), 0);
  let trackers: VmwareCbt[] = [];

  await runTasks('disk: one day of changes', [
    { name: `apply one day to ${VM_COUNT} VMs (100 GiB, 1 MiB chunks, 5%/day)`, fn: applyDay, itemsPerRun: expectedWrites, itemName: 'chunk writes', target: '< 500 ms' },
    {
      name: `same, with VMware CBT on every disk`,
      fn: () => {
        if (trackers.length === 0) trackers = estate.disks.map((d) => new VmwareCbt(d));
        return applyDay();
      },
      itemsPerRun: expectedWrites,
      itemName: 'chunk writes',
    },
  ]);

  const trackerBytes = trackers.reduce((s, t) => s + t.stateByteLength, 0);
  console.log(`- estate build (not timed above): ${buildMs.toFixed(0)} ms for ${VM_COUNT} VMs`);
  console.log(`- chunk writes in the last day: ${writesLastDay} (expected ${expectedWrites.toFixed(0)})`);
  console.log(`- disk state (content-id arrays): ${mib(diskStateBytes)} (target < 1024 MiB)`);
  console.log(`- VMware CBT state (16-bit epoch stamps): ${mib(trackerBytes)}`);
  console.log(
    `- process memory delta over the build: arrayBuffers ${mib(after.arrayBuffers - before.arrayBuffers)}, ` +
      `heapUsed ${mib(after.heapUsed - before.heapUsed)}, rss ${mib(after.rss - before.rss)}`,
  );
}
