/**
 * The physical estate: hosts, datastores, networks, proxies, backup targets,
 * VMs and physical servers, built from a plain `EstateSpec`, plus the route
 * building blocks strategies compose their flows from.
 */
export { buildEstate, Estate } from './estate.js';
export type {
  EstateSpec,
  HostSpec,
  DatastoreSpec,
  DatastoreKind,
  NetworkSpec,
  WanLinkSpec,
  ProxySpec,
  PhysicalProxySpec,
  VirtualApplianceProxySpec,
  TargetSpec,
  DiskRepositorySpec,
  DedupeApplianceSpec,
  TapeLibrarySpec,
  TapeDriveOverrides,
  VmSpec,
  VmDiskSpec,
  PhysicalServerSpec,
  PhysicalDiskSpec,
} from './spec.js';
export { resolveEstate, type ResolvedEstate } from './resolve.js';
export type { TapeDriveConfig } from './resolve-backup.js';
export {
  HOST_DEFAULTS,
  DATASTORE_DEFAULTS,
  NETWORK_DEFAULTS,
  WAN_DEFAULTS,
  PROXY_SIZING,
  PROXY_CYCLES_PER_BYTE,
  PROXY_REFERENCE_CLOCK_HZ,
  DISK_REPOSITORY_DEFAULTS,
  DEDUPE_APPLIANCE_DEFAULTS,
  TAPE_LIBRARY_DEFAULTS,
  type ProxyProcessing,
} from './defaults.js';
export { LTO_GENERATIONS, TAPE_MECHANICS, type LtoGeneration, type LtoGenerationName } from './lto.js';
export { Host } from './host.js';
export { Datastore } from './datastore.js';
export { Network, WanLink, networkPath, type NetworkAttachment, type NetworkPath } from './network.js';
export { PhysicalProxy, VirtualApplianceProxy, type Proxy } from './proxy.js';
export { DiskRepository, DedupeAppliance, type BackupTarget } from './targets.js';
export { TapeLibrary } from './tape-library.js';
export { TapeDrive } from './tape-drive.js';
export { writeToTape, type TapeWriteOptions, type TapeWriteResult } from './tape-write.js';
export { Vm, vmIoHops, vmIoStages, type VmDisk } from './vm.js';
export { PhysicalServer, type PhysicalDisk } from './physical-server.js';
export type { Machine, AppIoPath } from './machine.js';
export { joinHops, storageHops, mixedStorageHops, ioCpuHops, cpuHops, storageStage, type StorageDevice, type LatencyStage } from './hops.js';
export { diskReadPath, hostReadHops, type ReadPath, type Transport } from './read-paths.js';
export { probeOf, watchUsage, UsageProbe, type UsageListener } from './usage-watch.js';
