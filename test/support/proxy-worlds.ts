/**
 * Small worlds for the proxy image tests: hosts with one hypervisor each, a
 * SAN datastore, a physical proxy zoned to it, a disk repository, and VMs
 * whose guests the test describes. Figures a test's comparison depends on are
 * set here or in the test, never left to a default that may change.
 */
import type { VmSpec } from '../../sim/estate/spec.js';
import type { GuestBinding, WorldSpec } from '../../sim/world/world-spec.js';
import type { JobRecord } from '../../strategies/recorder.js';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
export const MB = 1e6;

export const STEADY_WORKLOAD = {
  readBytesPerSec: 4 * MB,
  writeBytesPerSec: 2 * MB,
  readIoSizeBytes: 32 * 1024,
  writeIoSizeBytes: 16 * 1024,
  cpuDemandCores: 0.2,
  profile: 'flat',
  hourlyJitterSigma: 0,
} as const;

export interface TestVm {
  name: string;
  guest?: Omit<GuestBinding, 'machine'>;
  /** Disk sizes, bytes (default one 6 GiB disk, room for win2003). */
  diskBytes?: readonly number[];
  host?: string;
  workload?: VmSpec['workload'];
}

export interface WorldOptions {
  platform?: string;
  vms: readonly TestVm[];
  hardwareSnapshots?: boolean;
  datastore?: { bandwidthBytesPerSec?: number; iops?: number };
  physicalServers?: boolean;
  changeBatchSec?: number;
  targetKind?: 'disk' | 'dedupe-appliance' | 'tape-library';
  proxies?: WorldSpec['estate']['proxies'];
}

export function proxyWorld(o: WorldOptions): WorldSpec {
  return {
    chunkSizeBytes: 4 * MIB,
    changeBatchSec: o.changeBatchSec ?? 900,
    estate: {
      hosts: [{ name: 'h0', cores: 16, clockGhz: 2.5 }],
      datastores: [{ name: 'san', kind: 'san', hosts: ['h0'], hardwareSnapshots: o.hardwareSnapshots ?? false, ...o.datastore }],
      proxies: o.proxies ?? [{ name: 'p0', kind: 'physical', cores: 8, clockGhz: 2.5, taskSlots: 8, sanDatastores: ['san'] }],
      targets: [
        o.targetKind === 'tape-library'
          ? { name: 't0', kind: 'tape-library', generation: 'LTO-5' }
          : o.targetKind === 'dedupe-appliance'
            ? { name: 't0', kind: 'dedupe-appliance' }
            : { name: 't0', kind: 'disk', bandwidthBytesPerSec: 2e9, iops: 100_000 },
      ],
      vms: o.vms.map((v) => ({
        name: v.name,
        host: v.host ?? 'h0',
        disks: (v.diskBytes ?? [6 * GIB]).map((sizeBytes) => ({ datastore: 'san', sizeBytes })),
        workload: v.workload ?? 'idle',
      })),
      physicalServers: o.physicalServers === true ? [{ name: 'phys0', disk: { sizeBytes: 4 * GIB } }] : [],
    },
    hypervisors: [{ host: 'h0', platform: o.platform ?? 'vsphere-4' }],
    guests: [
      ...o.vms.map((v) => ({ template: 'win2003', ...v.guest, machine: v.name })),
      ...(o.physicalServers === true ? [{ machine: 'phys0', template: 'rhel5' }] : []),
    ],
  };
}

export function jobsOf(jobs: readonly JobRecord[], machine: string, kind?: JobRecord['kind']): JobRecord[] {
  return jobs.filter((j) => j.machine === machine && (kind === undefined || j.kind === kind));
}
