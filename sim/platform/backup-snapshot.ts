/**
 * The snapshot step of an image backup as an operator describes it
 * (DOMAIN.md, quiesce flow): quiesce the VM through its tools, take the
 * snapshot, thaw. Written against the platform interface only, so it works
 * the same on every platform; where the platform or guest cannot quiesce,
 * the snapshot is still taken and its consistency (and the quiesce outcome)
 * says why it is crash-consistent.
 */
import type { ProcessBody } from '../engine/process.js';
import type { PlatformVm } from './machine.js';
import type { SnapshotLimit, Unsupported } from './outcomes.js';
import type { HypervisorPlatform } from './platform.js';
import type { QuiesceResult, ThawResult } from './quiesce.js';
import type { CreateSnapshotOptions, VmSnapshot } from './vm-snapshot.js';

export interface BackupSnapshotOptions extends CreateSnapshotOptions {
  /** Quiesce through the guest tools first (default true). */
  quiesce?: boolean;
}

export type BackupSnapshotResult =
  | { kind: 'created'; snapshot: VmSnapshot; quiesce: QuiesceResult | null; thaw: ThawResult }
  | Unsupported
  | SnapshotLimit;

export function* takeBackupSnapshot(platform: HypervisorPlatform, vm: PlatformVm, options: BackupSnapshotOptions = {}): ProcessBody<BackupSnapshotResult> {
  const quiesce = options.quiesce === false ? null : yield* platform.quiesce(vm);
  const created = yield* platform.createSnapshot(vm, options);
  const thaw = platform.thaw(vm);
  if (created.kind !== 'created') return created;
  return { kind: 'created', snapshot: created.snapshot, quiesce, thaw };
}
