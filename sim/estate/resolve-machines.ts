/**
 * Defaults and validation for the protected machines: VMs and physical servers.
 */
import { ConfigError, requirePositive } from '../engine/errors.js';
import { resolveWorkload, type ResolvedWorkload, type WorkloadSpec } from '../workload/workload-spec.js';
import { requireCount, requireRef } from './checks.js';
import { PHYSICAL_SERVER_DEFAULTS, VM_DEFAULTS } from './defaults.js';
import type { ResolvedDatastore, ResolvedHost } from './resolve-hardware.js';
import type { PhysicalDiskSpec, PhysicalServerSpec, VmDiskSpec, VmSpec } from './spec.js';

export interface ResolvedVm {
  name: string;
  host: string;
  vcpus: number;
  disks: VmDiskSpec[];
  /** null for an idle VM. */
  workload: ResolvedWorkload | null;
}

export interface ResolvedPhysicalServer {
  name: string;
  cores: number;
  clockGhz: number;
  network: string;
  nicBytesPerSec: number;
  disk: Required<PhysicalDiskSpec>;
  /** Operating-system CPU cycles per I/O and its zero-load latency, as for a host. */
  cyclesPerIo: number;
  ioLatencyMs: number;
  workload: ResolvedWorkload | null;
}

export function resolveVms(specs: readonly VmSpec[], hosts: readonly ResolvedHost[], datastores: readonly ResolvedDatastore[]): ResolvedVm[] {
  const hostNames = hosts.map((h) => h.name);
  return specs.map((s) => {
    const c = `vm/${s.name}`;
    const hostName = requireRef(c, 'host', s.host, hostNames, 'host');
    const host = hosts.find((h) => h.name === hostName)!;
    const vcpus = requireCount(c, 'vcpus', s.vcpus ?? VM_DEFAULTS.vcpus);
    if (vcpus > host.cores) throw new ConfigError(c, 'vcpus', vcpus, `be at most the cores of host/${hostName} (${host.cores})`);
    return { name: s.name, host: hostName, vcpus, disks: resolveVmDisks(c, hostName, s.disks, datastores), workload: resolveOptionalWorkload(c, s.workload) };
  });
}

function resolveVmDisks(c: string, hostName: string, disks: unknown, datastores: readonly ResolvedDatastore[]): VmDiskSpec[] {
  if (!Array.isArray(disks) || disks.length === 0) throw new ConfigError(c, 'disks', disks, 'list at least one disk');
  const dsNames = datastores.map((d) => d.name);
  return disks.map((disk: VmDiskSpec, i) => {
    if (disk === null || typeof disk !== 'object') throw new ConfigError(c, `disks[${i}]`, disk, 'be an object with datastore and sizeBytes');
    const dsName = requireRef(c, `disks[${i}].datastore`, disk.datastore, dsNames, 'datastore');
    const ds = datastores.find((d) => d.name === dsName)!;
    if (!ds.hosts.includes(hostName)) {
      throw new ConfigError(c, `disks[${i}].datastore`, dsName, `be a datastore host/${hostName} can see (it is seen by ${ds.hosts.join(', ')})`);
    }
    return { datastore: dsName, sizeBytes: requirePositive(c, `disks[${i}].sizeBytes`, disk.sizeBytes) };
  });
}

export function resolvePhysicalServers(specs: readonly PhysicalServerSpec[], networkNames: readonly string[]): ResolvedPhysicalServer[] {
  const d = PHYSICAL_SERVER_DEFAULTS;
  return specs.map((s) => {
    const c = `physical/${s.name}`;
    const disk = s.disk;
    if (disk === null || typeof disk !== 'object') throw new ConfigError(c, 'disk', disk, 'be an object with at least sizeBytes');
    return {
      name: s.name,
      cores: requireCount(c, 'cores', s.cores ?? d.cores),
      clockGhz: requirePositive(c, 'clockGhz', s.clockGhz ?? d.clockGhz),
      network: requireRef(c, 'network', s.network ?? networkNames[0], networkNames, 'network'),
      nicBytesPerSec: requirePositive(c, 'nicBytesPerSec', s.nicBytesPerSec ?? d.nicBytesPerSec),
      disk: {
        sizeBytes: requirePositive(c, 'disk.sizeBytes', disk.sizeBytes),
        bandwidthBytesPerSec: requirePositive(c, 'disk.bandwidthBytesPerSec', disk.bandwidthBytesPerSec ?? d.disk.bandwidthBytesPerSec),
        iops: requirePositive(c, 'disk.iops', disk.iops ?? d.disk.iops),
        baseLatencyMs: requirePositive(c, 'disk.baseLatencyMs', disk.baseLatencyMs ?? d.disk.baseLatencyMs),
      },
      cyclesPerIo: d.cyclesPerIo,
      ioLatencyMs: d.ioLatencyMs,
      workload: resolveOptionalWorkload(c, s.workload),
    };
  });
}

function resolveOptionalWorkload(c: string, spec: WorkloadSpec | 'idle' | undefined): ResolvedWorkload | null {
  if (spec === 'idle') return null;
  return resolveWorkload(c, spec ?? {});
}
