/**
 * The snapshot step of a proxy job, as an operator describes it: quiesce the
 * VM through its tools (where the platform and guest allow), take the
 * snapshot, thaw.
 *
 * Backup from array snapshots (DOMAIN.md: hardware snapshots beat software
 * ones): quiesce, take the VM snapshot, take the array snapshot, thaw; the
 * job deletes the VM snapshot at once, so it lives only seconds, and reads
 * the array snapshot. The array snapshot is taken while the quiesce is
 * still in force: in reality it captures the VM snapshot's frozen base disk,
 * which is that same quiesced state. Where the storage or platform cannot,
 * the job falls back to a software snapshot and says so.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { QuiesceResult } from '../../sim/platform/quiesce.js';
import type { CreateSnapshotOptions, CreateSnapshotResult, VmSnapshot } from '../../sim/platform/vm-snapshot.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { ResolvedProxyImageOptions } from './options.js';

export type SnapshotStep =
  | {
      ok: true;
      /** The snapshot the backup reads (the array snapshot when there is one). */
      read: VmSnapshot;
      /** The hypervisor's snapshot (the same as `read` without an array snapshot). */
      vm: VmSnapshot;
      /** Why the image is not application-consistent, when the quiesce said so up front. */
      quiesceNote: string | null;
      notes: string[];
      /** A fallback happened (array to software, memory refused). */
      degraded: string | null;
    }
  | { ok: false; reason: string; notes: string[] };

export function* snapshotStep(m: ProtectedMachine, o: ResolvedProxyImageOptions, backup: 'full' | 'incremental'): ProcessBody<SnapshotStep> {
  const caps = m.platform.capabilities;
  const notes: string[] = [];
  let degraded: string | null = null;
  let useArray = o.snapshot === 'array';
  if (useArray && !caps.snapshotKinds.includes('array')) {
    degraded = `${caps.description} cannot back up from array snapshots: used a software snapshot`;
    useArray = false;
  } else if (useArray && !m.storage.every((s) => s.hardwareSnapshots === true)) {
    degraded = `${m.storage.find((s) => s.hardwareSnapshots !== true)!.path} takes no hardware snapshots: used a software snapshot`;
    useArray = false;
  }
  const quiesce: QuiesceResult | null = o.quiesce ? yield* m.platform.quiesce(m.platformVm) : null;
  const quiesceNote = quiesce === null ? 'not quiesced (design option)' : quiesce.kind === 'quiesced' ? null : quiesce.reason;
  const vmSnap = yield* createWithMemoryFallback(m, { backup, memory: o.memorySnapshot && !useArray }, notes);
  if (vmSnap.kind !== 'created') {
    m.platform.thaw(m.platformVm);
    return { ok: false, reason: vmSnap.reason, notes };
  }
  if (!useArray) {
    m.platform.thaw(m.platformVm);
    return { ok: true, read: vmSnap.snapshot, vm: vmSnap.snapshot, quiesceNote, notes, degraded: degraded ?? memoryDegraded(notes) };
  }
  const arraySnap = yield* m.platform.createSnapshot(m.platformVm, { kind: 'array', backup });
  m.platform.thaw(m.platformVm);
  if (arraySnap.kind !== 'created') {
    yield* m.platform.deleteSnapshot(vmSnap.snapshot);
    return { ok: false, reason: arraySnap.reason, notes };
  }
  return { ok: true, read: arraySnap.snapshot, vm: vmSnap.snapshot, quiesceNote, notes, degraded };
}

/** A memory snapshot the guest or platform refuses is retried without memory, and noted. */
function* createWithMemoryFallback(m: ProtectedMachine, options: CreateSnapshotOptions, notes: string[]): ProcessBody<CreateSnapshotResult> {
  const first = yield* m.platform.createSnapshot(m.platformVm, options);
  if (first.kind === 'unsupported' && first.capability === 'memory-snapshot' && options.memory === true) {
    notes.push(`memory snapshot refused: ${first.reason}`);
    return yield* m.platform.createSnapshot(m.platformVm, { ...options, memory: false });
  }
  if (first.kind === 'created' && options.memory === true) notes.push('memory snapshot: running state saved');
  return first;
}

function memoryDegraded(notes: readonly string[]): string | null {
  return notes.find((n) => n.startsWith('memory snapshot refused')) ?? null;
}
