/**
 * The built-in default scenario: what `npm start` runs.
 *
 * An estate of 4 hosts with 10 VMs each on one shared SAN datastore, office
 * workloads (busy 9-17, quiet at night), one physical backup proxy on the LAN
 * and a disk repository. At 22:00 every VM's disk (40 GB used) is read and
 * sent to the repository, each read one proxy task of at most ~100 MB/s, in
 * one of two patterns:
 *   - `all-at-once`: every read starts at 22:00, as independently scheduled
 *     per-VM jobs do;
 *   - `proxy-slots`: reads go through the proxy's task slots (4 at a time),
 *     as a centrally scheduled image backup does.
 * Nothing here states which is better: the backup window and the impact on
 * production come out of the contention model. The backup engine proper
 * (strategies, repository, restores) replaces this preview with issue 4.
 */
import { Simulation } from '../sim/engine/simulation.js';
import type { Hop } from '../sim/flow/network.js';
import { buildEstate, joinHops, type Estate, type EstateSpec, type Vm } from '../sim/estate/index.js';
import { ImpactMonitor, startWorkloads, type VmImpact } from '../sim/workload/index.js';

const GB = 1e9;
const MB = 1e6;
const HOUR = 3600;
const NIGHT_START_SEC = 22 * HOUR;
/** The night the impact is measured over ends at 06:00 the next morning. */
const NIGHT_END_SEC = 30 * HOUR;
const USED_BYTES_PER_VM = 40 * GB;
const READ_IO_BYTES = 1024 * 1024;
/** One proxy task is one VM disk on about one core: a full runs at ~100 MB/s per core (Veeam proxy sizing, DOMAIN.md). */
const TASK_RATE_BYTES_PER_SEC = 100 * MB;

export type ReadPattern = 'all-at-once' | 'proxy-slots';
export const READ_PATTERNS: readonly ReadPattern[] = ['all-at-once', 'proxy-slots'];

export function defaultEstateSpec(): EstateSpec {
  const hosts = [1, 2, 3, 4].map((i) => ({ name: `esx-0${i}`, cores: 16, clockGhz: 2.5 }));
  const vms = hosts.flatMap((h, hi) =>
    Array.from({ length: 10 }, (_, v) => ({
      name: `vm-${hi + 1}${String(v).padStart(2, '0')}`,
      host: h.name,
      vcpus: 2,
      disks: [{ datastore: 'san-gold', sizeBytes: 100 * GB }],
      workload: { readBytesPerSec: 6 * MB, writeBytesPerSec: 3 * MB, profile: 'business-hours' as const },
    })),
  );
  return {
    hosts,
    datastores: [{ name: 'san-gold', kind: 'san', hosts: hosts.map((h) => h.name), bandwidthBytesPerSec: 800 * MB, iops: 20_000, baseLatencyMs: 1 }],
    proxies: [{ name: 'proxy-01', kind: 'physical', cores: 16, taskSlots: 4 }],
    targets: [{ name: 'repo-01', kind: 'disk', bandwidthBytesPerSec: 2 * GB }],
    vms,
  };
}

export interface PatternResult {
  pattern: ReadPattern;
  /** Seconds from 22:00 to the end of the last read. */
  backupWindowSec: number;
  /** Bytes read / window. */
  throughputBytesPerSec: number;
  /** Over all VMs, for the night (22:00 to 06:00). */
  nightLatencyInflationP95Max: number;
  nightLatencyInflationMeanAvg: number;
  nightDeliveredRatioMin: number;
}

/** The route of one VM's full read: its disk over the LAN to the proxy, proxy processing, then to the repository. */
function backupRoute(estate: Estate, vm: Vm): Hop[] {
  const proxy = estate.proxies[0]!;
  const target = estate.targets[0]!;
  const read = estate.diskReadPath(vm, vm.disks[0]!, proxy, 'network', READ_IO_BYTES);
  if (!read.ok) throw new Error(`default scenario: ${read.reason}`);
  return joinHops(read.hops, proxy.processingHops('full'), estate.networkPath(proxy.attachment, target.attachment).hops, target.ingestHops());
}

export function runPattern(pattern: ReadPattern, seed: number | string = 1): PatternResult {
  const sim = new Simulation({ seed, bucketSec: 300 });
  const estate = buildEstate(sim, defaultEstateSpec());
  const workloads = startWorkloads(sim, estate);
  const proxy = estate.proxies[0]!;
  let lastEndSec = NIGHT_START_SEC;
  sim.run({ untilSec: NIGHT_START_SEC });
  const night = new ImpactMonitor(sim, estate, workloads);
  for (const vm of estate.vms) {
    sim.process(`read ${vm.path}`, (function* () {
      const slot = pattern === 'proxy-slots' ? proxy.slots.acquire() : null;
      if (slot !== null) yield slot;
      yield sim.transfer({ name: `read ${vm.path}`, sizeBytes: USED_BYTES_PER_VM, route: backupRoute(estate, vm), rateCapBytesPerSec: TASK_RATE_BYTES_PER_SEC });
      if (slot !== null) proxy.slots.release(slot);
      lastEndSec = Math.max(lastEndSec, sim.now);
    })());
  }
  sim.run({ untilSec: NIGHT_END_SEC });
  const windowSec = lastEndSec - NIGHT_START_SEC;
  const report: VmImpact[] = night.report();
  return {
    pattern,
    backupWindowSec: windowSec,
    throughputBytesPerSec: (USED_BYTES_PER_VM * estate.vms.length) / windowSec,
    nightLatencyInflationP95Max: Math.max(...report.map((r) => r.latencyInflation.p95)),
    nightLatencyInflationMeanAvg: report.reduce((s, r) => s + r.latencyInflation.mean, 0) / report.length,
    nightDeliveredRatioMin: Math.min(...report.map((r) => r.io.deliveredRatio)),
  };
}
