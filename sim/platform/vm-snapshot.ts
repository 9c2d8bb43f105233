/**
 * A VM snapshot through the platform: one disk snapshot per disk, all taken
 * at the same instant, with the guest's in-memory state at that instant
 * (so consistency can be judged from content, DESIGN.md decision 7), the
 * change ids issued with it, and, for a memory snapshot, the running state.
 *
 * Creating one spends the kind's control time, then takes every disk at once.
 * Every refusal is decided for all disks before any is taken (again at the
 * instant, in case another process took snapshots meanwhile), so a VM never
 * ends up with a partial snapshot set: the kind must be one the platform has, the
 * array must support hardware snapshots on every disk's storage, no disk may
 * be at its snapshot bound, and a memory snapshot needs a platform and a
 * guest that support it.
 */
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { ChunkImage } from '../disk/chunk-image.js';
import type { GuestCapture } from '../guest/guest.js';
import type { QuiesceLevel } from '../guest/quiesce.js';
import { assert } from '../engine/errors.js';
import { DiskSnapshot, type SnapshotAccount, type SnapshotDeletion } from '../snapshot/disk-snapshot.js';
import { memorySnapshotSupport, saveRunningState, type RunningState } from '../snapshot/memory-snapshot.js';
import { SNAPSHOT_KINDS, type SnapshotKind } from '../snapshot/snapshot-kinds.js';
import type { PlatformCapabilities } from './capabilities.js';
import type { PlatformVm } from './machine.js';
import { unsupported, type SnapshotLimit, type Unsupported } from './outcomes.js';
import { enforceFreezeWindow } from './quiesce.js';

export interface CreateSnapshotOptions {
  /** Default: the platform's default kind. */
  kind?: SnapshotKind;
  /** Also save the running state (a memory snapshot). Default false. */
  memory?: boolean;
  /** Cumulative change tracking needs to know which backups are fulls (default 'incremental'). */
  backup?: 'full' | 'incremental';
}

export interface SnapshotConsistency {
  /** What the guest's state at the instant promises ('crash' unless a quiesce was still in force). */
  level: QuiesceLevel;
  /** Why it is not application level, when it is not. */
  reason: string | null;
}

export interface VmSnapshot {
  /** `vm/<name>@snap-<n>`. */
  id: string;
  vm: PlatformVm;
  kind: SnapshotKind;
  createdAtSec: number;
  /** One per disk, indexed like the guest's disks. */
  disks: readonly DiskSnapshot[];
  /** The applications' in-memory state at the instant; pair it with `images` to judge consistency. */
  capture: GuestCapture;
  consistency: SnapshotConsistency;
  /** Change ids issued at the instant, by disk (null without change tracking). */
  changeIds: readonly (string | null)[];
  runningState: RunningState | null;
}

export type CreateSnapshotResult = { kind: 'created'; snapshot: VmSnapshot } | Unsupported | SnapshotLimit;

export interface DeleteSnapshotResult {
  kind: 'deleted';
  snapshot: string;
  disks: SnapshotDeletion[];
  accounts: SnapshotAccount[];
  /** Longest stun any disk's consolidation caused, seconds. */
  stunSec: number;
}

/** The content of every disk at the snapshot instant (while the snapshot is active). */
export function snapshotImages(snapshot: VmSnapshot): ChunkImage[] {
  return snapshot.disks.map((d) => d.image);
}

export function* createVmSnapshot(sim: Simulation, caps: PlatformCapabilities, vm: PlatformVm, options: CreateSnapshotOptions = {}): ProcessBody<CreateSnapshotResult> {
  const refused = refusal(caps, vm, options);
  if (refused.kind !== 'ok') return refused;
  const kind = refused.snapshotKind;
  yield SNAPSHOT_KINDS[kind].createSec;
  // Another process may have taken snapshots meanwhile: decide again, for every disk, at the instant.
  const late = diskRefusal(vm, kind);
  if (late !== null) return late;
  const windowRanOut = enforceFreezeWindow(vm, sim.now);
  const n = vm.nextSnapshotNumber();
  const id = `${vm.path}@snap-${n}`;
  // Pushed, not mapped: V8's optimized map() makes holey arrays and its unoptimized one packed
  // arrays, and the code reading the snapshot's disks would be deoptimized whenever the other kind turned up.
  const disks: DiskSnapshot[] = [];
  for (const d of vm.disks) {
    const taken = d.take(kind, `${d.disk.name}@snap-${n}`);
    assert(taken instanceof DiskSnapshot, 'a disk refused a snapshot it had just accepted');
    disks.push(taken);
  }
  const capture = vm.guest.capture();
  const mark = { consistency: capture.quiesceLevel === 'application' ? ('application' as const) : ('crash' as const), backup: options.backup ?? 'incremental' };
  const changeIds = vm.markTrackers(mark);
  const snapshot: VmSnapshot = {
    id,
    vm,
    kind,
    createdAtSec: sim.now,
    disks,
    capture,
    consistency: { level: capture.quiesceLevel, reason: consistencyReason(vm, capture.quiesceLevel, windowRanOut) },
    changeIds,
    runningState: null,
  };
  if (options.memory === true) {
    // `refusal` checked the guest, so this cannot refuse; the state is captured before the first yield.
    const state = yield* saveRunningState(sim, vm.guest, vm.ios[0]!, vm.memoryBytes);
    assert(state.kind === 'running-state', 'memory snapshot refused after the check passed');
    snapshot.runningState = state;
  }
  return { kind: 'created', snapshot };
}

/** Deletes every disk snapshot, one disk after the other (as VMware consolidates), charging pending extra I/O first. */
export function* deleteVmSnapshot(sim: Simulation, snapshot: VmSnapshot): ProcessBody<DeleteSnapshotResult> {
  const deletions: SnapshotDeletion[] = [];
  for (const d of snapshot.disks) {
    d.chargePendingIo(sim);
    deletions.push(yield* d.delete(sim));
  }
  const accounts = snapshot.disks.map((d) => d.account());
  return { kind: 'deleted', snapshot: snapshot.id, disks: deletions, accounts, stunSec: Math.max(0, ...accounts.map((a) => a.stunSec)) };
}

type Refusal = { kind: 'ok'; snapshotKind: SnapshotKind } | Unsupported | SnapshotLimit;

function refusal(caps: PlatformCapabilities, vm: PlatformVm, options: CreateSnapshotOptions): Refusal {
  const kind = options.kind ?? caps.defaultSnapshotKind;
  if (kind === null) return unsupported('image-snapshot', `${caps.description} has no image snapshot API: protect ${vm.path} with an agent or an array snapshot`);
  if (!caps.snapshotKinds.includes(kind)) return unsupported(`snapshot:${kind}`, `${caps.description} cannot take ${kind} snapshots`);
  const byDisk = diskRefusal(vm, kind);
  if (byDisk !== null) return byDisk;
  if (options.memory === true) {
    if (!caps.memorySnapshot) return unsupported('memory-snapshot', `${caps.description} cannot save a VM's running state`);
    const guestRefusal = memorySnapshotSupport(vm.guest);
    if (guestRefusal !== null) return guestRefusal;
  }
  return { kind: 'ok', snapshotKind: kind };
}

/** The first disk that cannot take a snapshot of `kind` now (its array lacks hardware snapshots, or it is at its bound). */
function diskRefusal(vm: PlatformVm, kind: SnapshotKind): Unsupported | SnapshotLimit | null {
  for (const d of vm.disks) {
    const refused = d.refusal(kind);
    if (refused !== null) return refused;
  }
  return null;
}

function consistencyReason(vm: PlatformVm, level: QuiesceLevel, windowRanOut: boolean): string | null {
  if (level === 'application') return null;
  if (level === 'file-system') return 'the quiesce reached the file systems, not the applications';
  if (windowRanOut) return `the freeze lasted longer than the writers' window, so they aborted before the snapshot`;
  return vm.freeze === null ? `${vm.path} was not quiesced` : `${vm.path} wrote after the quiesce`;
}
