/**
 * What the run's tape copies hold: one entry per restore point copied to a
 * tape library (disk-to-disk-to-tape, DOMAIN.md "backup targets"). Tape is
 * a copy, not a view of the repository: an entry keeps the images as they
 * were read when the copy was made, so retention or garbage collection on
 * the disk repository later never changes what the tape holds, and a block
 * that rots on disk afterwards does not rot on tape.
 */
import type { FrozenImage } from '../../sim/disk/chunk-image.js';

export interface TapeEntry {
  machine: string;
  /** The copied point's time and its id in the source repository. */
  pointSec: number;
  sourcePointId: number;
  /** The disk repository it was copied from. */
  sourceTarget: string;
  library: string;
  /** By guest disk index (undefined where the point held no such disk). */
  images: readonly (FrozenImage | undefined)[];
  /** Bytes written to tape for this point: every stored block of it, compressed, never deduplicated. */
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
