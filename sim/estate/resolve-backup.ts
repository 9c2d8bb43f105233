/**
 * Defaults and validation for the backup infrastructure: proxies and targets.
 */
import { ConfigError, requireNonNegative, requirePositive } from '../engine/errors.js';
import { requireCapacityBytes, requireCount, requireOneOf, requireRef } from './checks.js';
import {
  DEDUPE_APPLIANCE_DEFAULTS,
  DISK_REPOSITORY_DEFAULTS,
  PHYSICAL_PROXY_DEFAULTS,
  PROXY_SIZING,
  TAPE_LIBRARY_DEFAULTS,
  VIRTUAL_APPLIANCE_DEFAULTS,
} from './defaults.js';
import { LTO_GENERATIONS, TAPE_MECHANICS, type LtoGenerationName } from './lto.js';
import type { ResolvedDatastore, ResolvedHost } from './resolve-hardware.js';
import type {
  DedupeApplianceSpec,
  DiskRepositorySpec,
  PhysicalProxySpec,
  ProxySpec,
  TapeDriveOverrides,
  TapeLibrarySpec,
  TargetSpec,
  VirtualApplianceProxySpec,
} from './spec.js';

export type ResolvedPhysicalProxy = Required<PhysicalProxySpec>;
export type ResolvedVirtualAppliance = Required<VirtualApplianceProxySpec>;
export type ResolvedProxy = ResolvedPhysicalProxy | ResolvedVirtualAppliance;

/** A tape drive's figures, all filled. */
export interface TapeDriveConfig extends Required<TapeDriveOverrides> {
  generation: LtoGenerationName;
}

export type ResolvedDiskRepository = Required<DiskRepositorySpec>;
export type ResolvedDedupeAppliance = Required<DedupeApplianceSpec>;
export type ResolvedTapeLibrary = Omit<Required<TapeLibrarySpec>, 'drive'> & { drive: TapeDriveConfig };
export type ResolvedTarget = ResolvedDiskRepository | ResolvedDedupeAppliance | ResolvedTapeLibrary;

const PROXY_KINDS = ['physical', 'virtual-appliance'] as const;
const TARGET_KINDS = ['disk', 'dedupe-appliance', 'tape-library'] as const;

export function resolveProxies(specs: readonly ProxySpec[], networkNames: readonly string[], hosts: readonly ResolvedHost[], datastores: readonly ResolvedDatastore[]): ResolvedProxy[] {
  return specs.map((s) => {
    const c = `proxy/${s.name}`;
    const kind = requireOneOf(c, 'kind', PROXY_KINDS, s.kind);
    return kind === 'physical' ? resolvePhysicalProxy(c, s as PhysicalProxySpec, networkNames, datastores) : resolveVirtualAppliance(c, s as VirtualApplianceProxySpec, hosts);
  });
}

function resolvePhysicalProxy(c: string, s: PhysicalProxySpec, networkNames: readonly string[], datastores: readonly ResolvedDatastore[]): ResolvedPhysicalProxy {
  const d = PHYSICAL_PROXY_DEFAULTS;
  const cores = requireCount(c, 'cores', s.cores ?? d.cores);
  const sanNames = datastores.filter((ds) => ds.kind === 'san').map((ds) => ds.name);
  const san = s.sanDatastores ?? [];
  if (!Array.isArray(san)) throw new ConfigError(c, 'sanDatastores', san, 'be an array of SAN datastore names');
  return {
    kind: 'physical',
    name: s.name,
    cores,
    clockGhz: requirePositive(c, 'clockGhz', s.clockGhz ?? d.clockGhz),
    network: requireRef(c, 'network', s.network ?? networkNames[0], networkNames, 'network'),
    nicBytesPerSec: requirePositive(c, 'nicBytesPerSec', s.nicBytesPerSec ?? d.nicBytesPerSec),
    storageLinkBytesPerSec: requirePositive(c, 'storageLinkBytesPerSec', s.storageLinkBytesPerSec ?? d.storageLinkBytesPerSec),
    sanDatastores: san.map((n, i) => requireRef(c, `sanDatastores[${i}]`, n, sanNames, 'SAN datastore')),
    ...resolveTaskSlots(c, cores, s),
  };
}

function resolveVirtualAppliance(c: string, s: VirtualApplianceProxySpec, hosts: readonly ResolvedHost[]): ResolvedVirtualAppliance {
  const hostName = requireRef(c, 'host', s.host, hosts.map((h) => h.name), 'host');
  const host = hosts.find((h) => h.name === hostName)!;
  const vcpus = requireCount(c, 'vcpus', s.vcpus ?? VIRTUAL_APPLIANCE_DEFAULTS.vcpus);
  if (vcpus > host.cores) throw new ConfigError(c, 'vcpus', vcpus, `be at most the cores of host/${hostName} (${host.cores})`);
  return { kind: 'virtual-appliance', name: s.name, host: hostName, vcpus, ...resolveTaskSlots(c, vcpus, s) };
}

/**
 * Task slots and memory (Veeam proxy sizing, DOMAIN.md): a task needs about
 * one core and 2 GB, so by default a proxy runs one task per core and has the
 * memory for it; an explicit slot count must fit in the memory.
 */
function resolveTaskSlots(c: string, cores: number, s: { taskSlots?: number; memoryGib?: number }): { taskSlots: number; memoryGib: number } {
  const perTask = PROXY_SIZING.memoryGibPerTask;
  const wanted = s.taskSlots === undefined ? undefined : requireCount(c, 'taskSlots', s.taskSlots);
  const memoryGib = requirePositive(c, 'memoryGib', s.memoryGib ?? perTask * Math.max(cores, wanted ?? 0));
  const fit = Math.floor(memoryGib / perTask);
  if (fit < 1) throw new ConfigError(c, 'memoryGib', memoryGib, `be at least ${perTask} (one task needs ${perTask} GiB)`);
  const taskSlots = wanted ?? Math.max(1, Math.min(Math.floor(cores / PROXY_SIZING.coresPerTask), fit));
  if (taskSlots > fit) throw new ConfigError(c, 'taskSlots', taskSlots, `be at most ${fit} (${perTask} GiB of the proxy's ${memoryGib} GiB per task)`);
  return { taskSlots, memoryGib };
}

export function resolveTargets(specs: readonly TargetSpec[], networkNames: readonly string[]): ResolvedTarget[] {
  return specs.map((s) => {
    const c = `target/${s.name}`;
    const kind = requireOneOf(c, 'kind', TARGET_KINDS, s.kind);
    const network = requireRef(c, 'network', s.network ?? networkNames[0], networkNames, 'network');
    if (kind === 'disk') return resolveDiskRepository(c, s as DiskRepositorySpec, network);
    if (kind === 'dedupe-appliance') return resolveDedupeAppliance(c, s as DedupeApplianceSpec, network);
    return resolveTapeLibrary(c, s as TapeLibrarySpec, network);
  });
}

function resolveDiskRepository(c: string, s: DiskRepositorySpec, network: string): ResolvedDiskRepository {
  const d = DISK_REPOSITORY_DEFAULTS;
  return {
    kind: 'disk',
    name: s.name,
    network,
    nicBytesPerSec: requirePositive(c, 'nicBytesPerSec', s.nicBytesPerSec ?? d.nicBytesPerSec),
    bandwidthBytesPerSec: requirePositive(c, 'bandwidthBytesPerSec', s.bandwidthBytesPerSec ?? d.bandwidthBytesPerSec),
    iops: requirePositive(c, 'iops', s.iops ?? d.iops),
    ioSizeBytes: requirePositive(c, 'ioSizeBytes', s.ioSizeBytes ?? d.ioSizeBytes),
    capacityBytes: requireCapacityBytes(c, 'capacityBytes', s.capacityBytes ?? d.capacityBytes),
  };
}

function resolveDedupeAppliance(c: string, s: DedupeApplianceSpec, network: string): ResolvedDedupeAppliance {
  const d = DEDUPE_APPLIANCE_DEFAULTS;
  return {
    kind: 'dedupe-appliance',
    name: s.name,
    network,
    nicBytesPerSec: requirePositive(c, 'nicBytesPerSec', s.nicBytesPerSec ?? d.nicBytesPerSec),
    cores: requireCount(c, 'cores', s.cores ?? d.cores),
    clockGhz: requirePositive(c, 'clockGhz', s.clockGhz ?? d.clockGhz),
    ingestCyclesPerByte: requirePositive(c, 'ingestCyclesPerByte', s.ingestCyclesPerByte ?? d.ingestCyclesPerByte),
    readCyclesPerByte: requirePositive(c, 'readCyclesPerByte', s.readCyclesPerByte ?? d.readCyclesPerByte),
    capacityBytes: requireCapacityBytes(c, 'capacityBytes', s.capacityBytes ?? d.capacityBytes),
  };
}

function resolveTapeLibrary(c: string, s: TapeLibrarySpec, network: string): ResolvedTapeLibrary {
  const d = TAPE_LIBRARY_DEFAULTS;
  const generation = requireOneOf(c, 'generation', Object.keys(LTO_GENERATIONS) as LtoGenerationName[], s.generation);
  return {
    kind: 'tape-library',
    name: s.name,
    network,
    nicBytesPerSec: requirePositive(c, 'nicBytesPerSec', s.nicBytesPerSec ?? d.nicBytesPerSec),
    generation,
    drives: requireCount(c, 'drives', s.drives ?? d.drives),
    cartridges: requireCount(c, 'cartridges', s.cartridges ?? d.cartridges),
    drive: resolveTapeDrive(`${c}/drive`, generation, s.drive ?? {}),
  };
}

function resolveTapeDrive(c: string, generation: LtoGenerationName, o: TapeDriveOverrides): TapeDriveConfig {
  const g = LTO_GENERATIONS[generation];
  const m = TAPE_MECHANICS;
  const nativeBytesPerSec = requirePositive(c, 'nativeBytesPerSec', o.nativeBytesPerSec ?? g.nativeBytesPerSec);
  const minStreamBytesPerSec = requirePositive(c, 'minStreamBytesPerSec', o.minStreamBytesPerSec ?? g.minStreamBytesPerSec);
  if (minStreamBytesPerSec > nativeBytesPerSec) {
    throw new ConfigError(c, 'minStreamBytesPerSec', minStreamBytesPerSec, `be at most the native speed ${nativeBytesPerSec}`);
  }
  return {
    generation,
    nativeBytesPerSec,
    minStreamBytesPerSec,
    cartridgeBytes: requirePositive(c, 'cartridgeBytes', o.cartridgeBytes ?? g.cartridgeBytes),
    bufferBytes: requirePositive(c, 'bufferBytes', o.bufferBytes ?? g.bufferBytes),
    repositionSec: requireNonNegative(c, 'repositionSec', o.repositionSec ?? m.repositionSec),
    loadSec: requireNonNegative(c, 'loadSec', o.loadSec ?? m.loadSec),
    locateSec: requireNonNegative(c, 'locateSec', o.locateSec ?? m.locateSec),
    rewindSec: requireNonNegative(c, 'rewindSec', o.rewindSec ?? m.rewindSec),
  };
}
