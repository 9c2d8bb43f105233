/**
 * Hypervisor platform APIs (DESIGN.md, decision 8): one narrow interface,
 * one capability-driven implementation, and a catalog of platform versions
 * whose capabilities are data.
 */
export { createPlatform } from './platform.js';
export type { HypervisorPlatform } from './platform.js';
export { PLATFORM_VERSIONS, PLATFORM_VERSION_NAMES, platformCapabilities } from './platform-versions.js';
export type { PlatformVersion } from './platform-versions.js';
export type { PlatformCapabilities, PlatformFamily, InstantRecoveryCapability } from './capabilities.js';
export { TRANSPORTS, requireTransport } from './transports.js';
export type { TransportName, TransportSpec, RouteKind } from './transports.js';
export { PlatformVm, MACHINE_DEFAULTS, attachMachine } from './machine.js';
export type { PlatformMachineSpec, Freeze } from './machine.js';
export { QUIESCE_PREPARE_SEC, VSS_FREEZE_WINDOW_SEC } from './quiesce.js';
export type { QuiesceResult, ThawResult } from './quiesce.js';
export { snapshotImages } from './vm-snapshot.js';
export type { CreateSnapshotOptions, CreateSnapshotResult, DeleteSnapshotResult, SnapshotConsistency, VmSnapshot } from './vm-snapshot.js';
export type { ChangesResult } from './changes.js';
export { DiskReader } from './open-read.js';
export type { ChunkRead, OpenOptions, OpenResult, ReadRoute, ReadRoutes } from './open-read.js';
export { HoldingArea } from './holding-area.js';
export type { PublishableBackup, PublishedDatastore, PublishResult } from './instant-recovery.js';
export { takeBackupSnapshot } from './backup-snapshot.js';
export type { BackupSnapshotOptions, BackupSnapshotResult } from './backup-snapshot.js';
export { unsupported } from './outcomes.js';
export type { Unsupported, SnapshotLimit, CrashConsistentOnly, FullInsteadOfIncremental, SnapshotLost, TransportUnavailable, HoldingAreaTooSmall } from './outcomes.js';
