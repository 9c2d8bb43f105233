/**
 * What the run's tapes hold: one entry per restore point copied to a tape
 * library (disk-to-disk-to-tape, DOMAIN.md "backup targets"), or written
 * straight to it by a proxy image backup (an incremental there is a link of
 * a chain on tape: restoring it reads its base and every link). Tape is
 * a copy, not a view of the repository: an entry keeps the images as they
 * were read when the copy was made, so retention or garbage collection on
 * the disk repository later never changes what the tape holds, and a block
 * that rots on disk afterwards does not rot on tape.
 */
import type { FrozenImage } from '../../sim/disk/chunk-image.js';

export interface TapeEntry {
  machine: string;
  /** The point's time, and for a copy its id in the source repository (null: written straight to tape). */
  pointSec: number;
  sourcePointId: number | null;
  /** The disk repository it was copied from (null: written straight to tape). */
  sourceTarget: string | null;
  /** For an incremental written to tape: the entry it adds to (read first on restore). Absent: a whole image. */
  basedOn?: TapeEntry;
  /** Bytes on tape per guest disk index, when the entry holds only some chunks of each disk (an incremental). */
  diskTapeBytes?: readonly number[];
  library: string;
  /** By guest disk index (undefined where the point held no such disk). */
  images: readonly (FrozenImage | undefined)[];
  /** Bytes written to tape for this entry: every block of it (a copy: compressed), never deduplicated. */
  tapeBytes: number;
  /** Logical bytes of the point (what a restore writes back). */
  logicalBytes: number;
  copiedSec: number;
}

export class TapeCatalog {
  private readonly list: TapeEntry[] = [];

  add(entry: TapeEntry): void {
    this.list.push(entry);
  }

  /** Every entry, in copy order. */
  entries(): readonly TapeEntry[] {
    return this.list;
  }

  /** The machine's newest copy of a point at or before `limitSec` (the latest copy on a tie). */
  find(machine: string, limitSec: number): TapeEntry | undefined {
    let best: TapeEntry | undefined;
    for (const e of this.list) {
      if (e.machine !== machine || e.pointSec > limitSec) continue;
      if (best === undefined || e.pointSec >= best.pointSec) best = e;
    }
    return best;
  }
}

/** The entries a restore of `entry` reads, base first (one for a whole image). */
export function chainOf(entry: TapeEntry): TapeEntry[] {
  const out: TapeEntry[] = [];
  for (let e: TapeEntry | undefined = entry; e !== undefined; e = e.basedOn) out.push(e);
  return out.reverse();
}
