/**
 * Small worlds for the restore tests: one host with a hypervisor, a SAN
 * datastore, a physical proxy zoned to it, a backup target (disk repository
 * or deduplicating appliance, figures set here), optionally a tape library
 * and a physical server, and VMs the test describes. Every figure a test's
 * comparison depends on is set here or in the test, never left to a default
 * that may change.
 */
import type { TapeDriveOverrides } from '../../sim/estate/spec.js';
import type { VmSpec } from '../../sim/estate/spec.js';
import type { GuestBinding, WorldSpec } from '../../sim/world/world-spec.js';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
export const MB = 1e6;
export const HOUR = 3600;
export const DAY = 86_400;
/** The proxy design's nightly backups start at 22:00. */
export const NIGHT_SEC = 22 * HOUR;

export const RESTORE_WORKLOAD = {
  readBytesPerSec: 40 * MB,
  writeBytesPerSec: 10 * MB,
  readIoSizeBytes: 32 * 1024,
  writeIoSizeBytes: 16 * 1024,
  cpuDemandCores: 0.2,
  profile: 'flat',
  hourlyJitterSigma: 0,
} as const;

export interface RestoreVm {
  name: string;
  guest?: Omit<GuestBinding, 'machine'>;
  /** Disk sizes, bytes (default one 6 GiB disk, room for win2003). */
  diskBytes?: readonly number[];
  workload?: VmSpec['workload'];
}

export interface RestoreWorldOptions {
  platform?: string;
  vms: readonly RestoreVm[];
  target?: 'disk' | 'dedupe-appliance';
  /** Disk repository bandwidth, bytes/s. Default 1e9. */
  repoBandwidthBytesPerSec?: number;
  /** Dedupe appliance cores (its rehydration CPU). Default 16. */
  applianceCores?: number;
  tape?: { drive?: TapeDriveOverrides; generation?: 'LTO-5' | 'LTO-7' };
  /** NIC of hosts, proxy and targets, bytes/s. Default 1.25e9 (10 GbE). */
  nicBytesPerSec?: number;
  physicalServer?: boolean;
  changeBatchSec?: number;
}

export function restoreWorld(o: RestoreWorldOptions): WorldSpec {
  const nic = o.nicBytesPerSec ?? 1.25e9;
  const target =
    o.target === 'dedupe-appliance'
      ? { name: 'repo', kind: 'dedupe-appliance' as const, nicBytesPerSec: nic, cores: o.applianceCores ?? 16, clockGhz: 2.5, ingestCyclesPerByte: 40, readCyclesPerByte: 80 }
      : { name: 'repo', kind: 'disk' as const, nicBytesPerSec: nic, bandwidthBytesPerSec: o.repoBandwidthBytesPerSec ?? 1e9, iops: 10_000, ioSizeBytes: 1 * MIB };
  const tape = o.tape === undefined ? [] : [{ name: 'lto', kind: 'tape-library' as const, generation: o.tape.generation ?? 'LTO-5', drives: 1, cartridges: 20, nicBytesPerSec: nic, ...(o.tape.drive !== undefined ? { drive: o.tape.drive } : {}) }];
  return {
    chunkSizeBytes: 4 * MIB,
    changeBatchSec: o.changeBatchSec ?? 900,
    estate: {
      hosts: [{ name: 'h0', cores: 16, clockGhz: 2.5, nicBytesPerSec: nic }],
      datastores: [{ name: 'san', kind: 'san', hosts: ['h0'], bandwidthBytesPerSec: 2e9, iops: 50_000 }],
      proxies: [{ name: 'p0', kind: 'physical', cores: 8, clockGhz: 2.5, taskSlots: 8, nicBytesPerSec: nic, sanDatastores: ['san'] }],
      targets: [target, ...tape],
      vms: o.vms.map((v) => ({
        name: v.name,
        host: 'h0',
        disks: (v.diskBytes ?? [6 * GIB]).map((sizeBytes) => ({ datastore: 'san', sizeBytes })),
        workload: v.workload ?? 'idle',
      })),
      physicalServers: o.physicalServer === true ? [{ name: 'phys0', nicBytesPerSec: nic, disk: { sizeBytes: 4 * GIB } }] : [],
    },
    hypervisors: [{ host: 'h0', platform: o.platform ?? 'vsphere-4' }],
    guests: [...o.vms.map((v) => ({ template: 'win2003', ...v.guest, machine: v.name })), ...(o.physicalServer === true ? [{ machine: 'phys0', template: 'rhel5' }] : [])],
  };
}
