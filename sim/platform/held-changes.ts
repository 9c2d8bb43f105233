/**
 * Changes a platform reads from a tracker before a new snapshot replaces the
 * tracker's only reference (DOMAIN.md: VSS needs no separate change
 * tracking; the software provider's diff area of the shadow copy kept from
 * the last backup holds exactly the blocks changed since).
 *
 * A requester on Hyper-V 2008 R2 asks the kept shadow copy what changed and
 * only then lets the new shadow copy replace it. The platform does the same:
 * at the snapshot instant, before it marks a tracker whose mark replaces its
 * reference (`markReplacesReference`), it asks the tracker what changed
 * since the current reference and holds the answer under that reference's
 * id. A later `queryChanges` with that id is answered from it, exactly as of
 * the snapshot instant, so the incremental reads the changed chunks.
 *
 * Several snapshots can follow one another before the backup asks (a VM
 * snapshot, then an array snapshot at the same quiesce): each mark folds
 * the new answer into the answers already held, so an id stays answerable
 * across them. At most `MAX_HELD_REFERENCES` ids are held per disk; an
 * older one answers as the tracker does (`reference-deleted`).
 */
import type { ChangedAreas, ChangeTracker } from '../tracking/change-areas.js';

/** Ids held per disk; older ones are dropped (a backup asks about its last point, not older ones). */
export const MAX_HELD_REFERENCES = 4;

type Answer = Exclude<ChangedAreas, { kind: 'all-allocated' }>;

interface Held {
  id: string;
  answer: Answer;
}

/** The answers held for one disk's tracker. */
export class HeldChanges {
  private held: Held[] = [];
  private current: string | null = null;

  constructor(private readonly tracker: ChangeTracker) {}

  /** Call just before the tracker is marked: holds what changed since its current reference. */
  beforeMark(): void {
    if (this.current === null) return;
    const now = this.tracker.queryChangedAreas(this.current);
    if (now.kind === 'all-allocated') return;
    const next: Held[] = this.held.map((h) => ({ id: h.id, answer: fold(h.answer, now) }));
    next.push({ id: this.current, answer: now });
    this.held = next.slice(-MAX_HELD_REFERENCES);
  }

  /** Call with the id the mark issued. */
  afterMark(id: string): void {
    this.current = id;
  }

  /** The held answer for `since`, if any. */
  answer(since: string): Answer | undefined {
    return this.held.find((h) => h.id === since)?.answer;
  }
}

/** Changes since an older id, then more since a newer one: their union (a full read stays a full read). */
function fold(older: Answer, newer: Answer): Answer {
  if (older.kind === 'full-required') return older;
  if (newer.kind === 'full-required') return { ...newer, asked: older.asked };
  const chunks = unionSorted(older.chunks, newer.chunks);
  const perChunk = older.chunks.length > 0 ? older.changedBytes / older.chunks.length : newer.chunks.length > 0 ? newer.changedBytes / newer.chunks.length : 0;
  return { ...older, chunks, changedBytes: chunks.length * perChunk };
}

/** The union of two ascending index lists, ascending. */
export function unionSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    const v = Math.min(x, y);
    out[n++] = v;
    if (x === v) i++;
    if (y === v) j++;
  }
  return out.subarray(0, n);
}
