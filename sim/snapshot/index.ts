/**
 * Snapshots with their real costs (DESIGN.md, decision 9): redirect-on-write
 * deltas with consolidation and stun, copy-on-write shadow copies with a
 * bounded diff area, array snapshots, and XenServer memory snapshots. Each
 * exposes the content at its instant as a `ChunkImage` and its accounting as
 * data.
 */
export { SNAPSHOT_KINDS, SNAPSHOT_KIND_NAMES, MAX_ROW_CHAIN_LENGTH, RECOMMENDED_MAX_SNAPSHOT_AGE_SEC, ARRAY_SNAPSHOT_CREATE_SEC, ARRAY_SNAPSHOT_DELETE_SEC, MAX_ARRAY_SNAPSHOTS_PER_DISK, extraIoPerFirstWrite } from './snapshot-kinds.js';
export type { SnapshotKind, SnapshotKindTraits } from './snapshot-kinds.js';
export { storageIo, scaleHops, supportsHardwareSnapshots } from './storage-io.js';
export type { SnapshotStorage, StorageIo } from './storage-io.js';
export { unsupported } from './outcomes.js';
export type { Unsupported, SnapshotLimit } from './outcomes.js';
export { ExtraIoLedger } from './extra-io.js';
export { DiskSnapshot } from './disk-snapshot.js';
export type { Clock, SnapshotStatus, SnapshotRead, SnapshotDeletion, SnapshotAccount } from './disk-snapshot.js';
export { RowChain, RowSnapshot } from './row-snapshot.js';
export { CowSnapshot, DEFAULT_DIFF_AREA_BYTES, MIN_DIFF_AREA_BYTES, resolveDiffAreaBytes } from './cow-snapshot.js';
export type { CowOptions } from './cow-snapshot.js';
export { ArraySnapshot, createArraySnapshot } from './array-snapshot.js';
export { CONSOLIDATION_DEFAULTS, MERGE_IO_PER_DELTA_BYTE, decideNextPass, planConsolidation } from './consolidation-policy.js';
export type { ConsolidationPolicy, ConsolidationResult, ConsolidationPlanInput, MergePass, PassDecision } from './consolidation-policy.js';
export { consolidate } from './consolidate.js';
export type { ConsolidateOptions } from './consolidate.js';
export { DiskSnapshots } from './disk-snapshots.js';
export type { DiskSnapshotsOptions, TakeSnapshotResult } from './disk-snapshots.js';
export { MEMORY_SNAPSHOT_OS_FAMILIES, memorySnapshotSupport, saveRunningState, resumeImages, classifyResumed } from './memory-snapshot.js';
export type { RunningState } from './memory-snapshot.js';
