/**
 * What a job reads of each disk, asked of the platform at the snapshot
 * instant (a tracker's answer covers writes up to the moment it is asked):
 * a full reads every allocated chunk ('*'); an incremental asks the
 * platform's change tracking what changed since the last point's change id.
 * Where the tracking cannot say (CBT reset by a power failure, no tracking on
 * the platform, a lost shadow copy), the platform answers with every
 * allocated chunk and the reason, the job reads them all, and the record says
 * why (DESIGN.md decision 8: full instead of incremental is a visible outcome).
 */
import type { VmSnapshot } from '../../sim/platform/vm-snapshot.js';
import type { ProtectedMachine } from '../../sim/world/world.js';

export interface ChunksToRead {
  /** Ascending chunk indices per disk. */
  chunks: Uint32Array[];
  notes: string[];
  /** Set when an incremental had to read everything. */
  degraded: string | null;
  /** Every disk is read whole (sequentially): the proxy processes it at its full-backup rate. */
  fullRead: boolean;
}

/** `since` holds the last point's change ids (null before the first); `useTracking` false reads everything. */
export function chunksToRead(m: ProtectedMachine, snapshot: VmSnapshot, kind: 'full' | 'incremental', since: readonly (string | null)[] | null, useTracking: boolean): ChunksToRead {
  const out: ChunksToRead = { chunks: [], notes: [], degraded: null, fullRead: true };
  const incremental = kind === 'incremental' && useTracking;
  if (kind === 'incremental' && !useTracking) out.notes.push('change tracking off (design option): full read');
  for (let i = 0; i < snapshot.disks.length; i++) {
    // Without a tracker there is no id; the platform then answers why it must read everything.
    const asked = incremental ? (since?.[i] ?? 'no-change-id') : '*';
    const answer = m.platform.queryChanges(m.platformVm, i, asked);
    if (answer.kind === 'changes') {
      out.chunks.push(answer.areas.chunks);
      if (answer.areas.kind === 'changed') out.fullRead = false;
      continue;
    }
    out.chunks.push(answer.chunks);
    const why = `disk ${i}: full read instead of incremental (${answer.reason}): ${answer.detail}`;
    out.notes.push(why);
    out.degraded ??= why;
  }
  return out;
}

export function countChunks(chunks: readonly Uint32Array[]): number[] {
  return chunks.map((c) => c.length);
}
