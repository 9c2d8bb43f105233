/**
 * The write pieces a change process has counted but not yet drawn and applied
 * (DESIGN.md, Scale: "aggregate write activity into batches between events").
 *
 * Why defer: the guest driver applies every disk's writes every batch (a
 * thousand VMs every 15 simulated minutes), and each batch of a few writes
 * touches its disk's content and its tracker's stamps long after they left
 * the cache: cache misses were most of an ordinary simulated day. Yet nothing
 * looks at a disk between backups. So while every listener of a disk takes
 * late writes, its change process only COUNTS each hour piece of a batch at
 * batch time (its two stochastic roundings and a skip past the chunk draws,
 * on a cursor ahead of its stream) and takes the piece's content ids from the
 * content space, in the same order as before, since ids come from one counter
 * for the whole run. The piece goes into this log. Whoever next reads or
 * writes the disk settles it (VirtualDisk.settle): the process then draws the
 * logged pieces from its stream, exactly as it would have at batch time, and
 * writes them, warm, in one go. Same draws, same ids, same writes in the same
 * order: only the moment they reach memory moves.
 *
 * A piece is four numbers: its start and end (seconds), its first content id
 * and its write count (0 for a piece that drew no write, which still drew its
 * counts). The log is bounded: a process whose disk nobody reads applies it
 * when it fills.
 */
import { fail } from '../engine/errors.js';

/** Pieces held at most (a day of 15-minute batches is 96): past it the process applies the log. */
export const MAX_DEFERRED_PIECES = 1024;

const FIELDS = 4;
const INITIAL_PIECES = 128;

export class PieceLog {
  private data = new Float64Array(INITIAL_PIECES * FIELDS);
  private count = 0;

  /** Pieces held. */
  get length(): number {
    return this.count;
  }

  /** True when no more pieces may be added before the log is applied. */
  get full(): boolean {
    return this.count >= MAX_DEFERRED_PIECES;
  }

  push(startSec: number, endSec: number, firstId: number, writes: number): void {
    if (this.full) fail(`deferred write log holds ${MAX_DEFERRED_PIECES} pieces already`);
    if (this.count * FIELDS === this.data.length) {
      const grown = new Float64Array(Math.min(MAX_DEFERRED_PIECES * FIELDS, 2 * this.data.length));
      grown.set(this.data);
      this.data = grown;
    }
    const at = this.count * FIELDS;
    this.data[at] = startSec;
    this.data[at + 1] = endSec;
    this.data[at + 2] = firstId;
    this.data[at + 3] = writes;
    this.count++;
  }

  startSec(i: number): number {
    return this.data[i * FIELDS]!;
  }

  endSec(i: number): number {
    return this.data[i * FIELDS + 1]!;
  }

  firstId(i: number): number {
    return this.data[i * FIELDS + 2]!;
  }

  writes(i: number): number {
    return this.data[i * FIELDS + 3]!;
  }

  clear(): void {
    this.count = 0;
  }
}
