/**
 * Repository benchmark (issue 4, "Figures to reach"): one night of proxy
 * backups with CBT and source dedupe for 1,000 VMs (100 GiB each, 1 MiB
 * chunks) under 2 s; 30 nights under 30 s.
 *
 * The estate is the disk benchmark's: each VM is a Windows Server 2016
 * template (16 GiB, shared) plus 64 GiB of its own data, changing 5% a day
 * (sizing-assumption preset). Every VM gets an initial forever-forward full
 * (timed, reported, not part of the targets), then each night: one day of
 * guest writes, a VMware CBT query per disk, an incremental with source
 * dedupe (plan + commit), retention of 14 points (merging the oldest
 * increment into the full once the chain is longer) and one GC.
 *
 * The tasks time the whole night (disk changes, CBT and repository), which is
 * what the figure covers before strategies and flows are added; the
 * repository's own share is measured separately and printed below each task.
 * The 30-night task runs first, so the one-night task then measures nights in
 * steady state (merges and GC at full size every night).
 *
 * VMBSIM_BENCH_VMS=100 runs a smaller estate for a quick look.
 */
import { ChangeProcess } from '../sim/disk/change-process.js';
import { ContentSpace } from '../sim/disk/content-space.js';
import { TemplatePool } from '../sim/disk/template-pool.js';
import { GIB, MIB, SECONDS_PER_DAY } from '../sim/disk/units.js';
import type { VirtualDisk } from '../sim/disk/virtual-disk.js';
import { buildVmDisk } from '../sim/disk/vm-disk.js';
import { RandomStreams } from '../sim/engine/random.js';
import { Repository } from '../sim/repository/index.js';
import { VmwareCbt } from '../sim/tracking/vmware-cbt.js';
import { runTasks } from './harness.js';

const VM_COUNT = Number(process.env['VMBSIM_BENCH_VMS'] ?? 1000);
const DISK_BYTES = 100 * GIB;
const APP_DATA_BYTES = 64 * GIB;
const DAILY_CHANGE_FRACTION = 0.05;
const KEEP_POINTS = 14;
const NIGHTS = 30;

interface Vm {
  name: string;
  disk: VirtualDisk;
  changes: ChangeProcess;
  cbt: VmwareCbt;
  changeId: string;
}

interface NightFigures {
  repositoryMs: number;
  changedBlocks: number;
  bytesSent: number;
  merges: number;
  freedBlocks: number;
}

function buildEstate(): Vm[] {
  const space = new ContentSpace(MIB);
  const pool = new TemplatePool(space);
  const streams = new RandomStreams(42);
  const vms: Vm[] = [];
  for (let v = 0; v < VM_COUNT; v++) {
    const name = `vm/bench-${String(v).padStart(4, '0')}`;
    const { disk } = buildVmDisk({ name: `${name}/disk/0`, provisionedBytes: DISK_BYTES, template: 'win2016', appDataBytes: APP_DATA_BYTES }, pool, space);
    const path = `${name}/disk/0/changes`;
    const changes = new ChangeProcess(disk, space, streams.stream(path), { name: path, preset: 'sizing-assumption', dailyChangeFraction: DAILY_CHANGE_FRACTION });
    vms.push({ name, disk, changes, cbt: new VmwareCbt(disk), changeId: '*' });
  }
  return vms;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(1)} GiB`;
}

class Bench {
  readonly vms = buildEstate();
  readonly repo: Repository;
  readonly nights: NightFigures[] = [];
  private day = 0;

  constructor() {
    // Sized for the initial fulls plus 14 nights of new blocks, so the index never regrows mid-run.
    this.repo = new Repository({ name: 'target/bench-repo', chunkSizeBytes: MIB, expectedStoredBlocks: Math.ceil(VM_COUNT * 140_000) });
  }

  initialFulls(): number {
    const start = process.hrtime.bigint();
    for (const vm of this.vms) {
      vm.changeId = vm.cbt.mark();
      const disks = [{ name: 'disk/0', image: vm.disk, readChunks: vm.disk.nonZeroChunks() }];
      const plan = this.repo.planIngest({ machine: vm.name, timeSec: 0, kind: 'full', chainMode: 'forever-forward', placement: 'source', consistency: 'crash-consistent', disks });
      if (this.repo.commit(plan).state !== 'committed') throw new Error(`initial full of ${vm.name} failed`);
    }
    return ms(start);
  }

  /** One night; returns the chunk writes applied so tinybench consumes a result. */
  night(): number {
    const from = this.day * SECONDS_PER_DAY;
    this.day++;
    const nowSec = this.day * SECONDS_PER_DAY;
    let writes = 0;
    for (const vm of this.vms) writes += vm.changes.applyWrites(vm.disk, from, nowSec).chunkWrites;
    const figures: NightFigures = { repositoryMs: 0, changedBlocks: 0, bytesSent: 0, merges: 0, freedBlocks: 0 };
    for (const vm of this.vms) {
      const previous = vm.changeId;
      vm.changeId = vm.cbt.mark();
      const areas = vm.cbt.queryChangedAreas(previous);
      const start = process.hrtime.bigint();
      const plan = this.repo.planIngest({
        machine: vm.name, timeSec: nowSec, kind: 'incremental', placement: 'source', consistency: 'crash-consistent',
        disks: [{ name: 'disk/0', image: vm.disk, readChunks: areas.chunks }],
      });
      if (this.repo.commit(plan).state !== 'committed') throw new Error(`night ${this.day}: backup of ${vm.name} failed`);
      figures.merges += this.repo.applyRetention(vm.name, { keepPoints: KEEP_POINTS }, nowSec).merges;
      figures.repositoryMs += ms(start);
      figures.changedBlocks += plan.traffic.blocksRead;
      figures.bytesSent += plan.traffic.bytesSent;
    }
    const gcStart = process.hrtime.bigint();
    figures.freedBlocks = this.repo.collectGarbage().freedBlocks;
    figures.repositoryMs += ms(gcStart);
    this.nights.push(figures);
    return writes;
  }

  report(label: string, nights: NightFigures[]): void {
    const sorted = nights.map((n) => n.repositoryMs).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const last = nights[nights.length - 1]!;
    console.log(
      `- ${label}: repository share per night median ${median.toFixed(0)} ms (min ${sorted[0]!.toFixed(0)}, max ${sorted[sorted.length - 1]!.toFixed(0)}, n=${sorted.length}); ` +
        `last night: ${last.changedBlocks} changed blocks, ${gib(last.bytesSent)} sent, ${last.merges} merges, ${last.freedBlocks} blocks freed`,
    );
  }
}

export async function run(): Promise<void> {
  const buildStart = process.hrtime.bigint();
  const bench = new Bench();
  const buildMs = ms(buildStart);
  const fullsMs = bench.initialFulls();
  const afterFulls = bench.repo.stats();
  console.log(`\n## repository (${VM_COUNT} VMs x 100 GiB, 1 MiB blocks, source dedupe, forever-forward, keep ${KEEP_POINTS})`);
  console.log(`- estate build: ${buildMs.toFixed(0)} ms; initial fulls (not in the targets): ${fullsMs.toFixed(0)} ms, stored ${gib(afterFulls.physicalBytes)} for ${gib(afterFulls.restorableLogicalBytes)} logical`);

  await runTasks('repository: 30 nights', [
    { name: `${NIGHTS} nights of incrementals, retention and GC`, fn: () => { let w = 0; for (let n = 0; n < NIGHTS; n++) w += bench.night(); return w; }, target: '< 30 s' },
  ], { iterations: 1, warmup: false });
  bench.report('30 nights', bench.nights.slice(0, NIGHTS));

  const before = bench.nights.length;
  await runTasks('repository: one night in steady state', [
    { name: `one night for ${VM_COUNT} VMs (changes, CBT, incremental, retention; GC)`, fn: () => bench.night(), target: '< 2 s' },
  ]);
  bench.report('one night (steady state)', bench.nights.slice(before));

  const s = bench.repo.stats();
  const mem = process.memoryUsage();
  console.log(
    `- after ${bench.nights.length} nights: ${s.points} points, ${s.storedBlocks} stored blocks, ${gib(s.physicalBytes)} physical for ${gib(s.restorableLogicalBytes)} restorable ` +
      `(reduction ${s.dataReductionRatio.toFixed(1)}x); store arrays ${gib(s.storeMemoryBytes)}, index arrays ${gib(s.indexMemoryBytes)} ` +
      `(${(s.indexMemoryBytes / s.indexEntries).toFixed(1)} bytes per entry); rss ${gib(mem.rss)}, arrayBuffers ${gib(mem.arrayBuffers)}`,
  );
}
