/**
 * Reused buffers for a plan's per-block scratch arrays (content ids read,
 * verdicts, new blocks' stored sizes), which live only from the plan to its
 * commit or abort. (A commit's slot lists are not among them: they become
 * the new file's maps, full-map.ts.)
 *
 * A night of active fulls plans ~10^7 blocks in arrays of a few hundred
 * kilobytes each; allocated fresh, they were garbage a moment later and their
 * volume alone kept the JavaScript collector busy (every few tens of
 * megabytes of array buffers force a collection). Returned buffers are kept
 * by size class (powers of two) and handed out again as zeroed views of the
 * requested length. The pool is bounded: beyond `MAX_BYTES_PER_CLASS` of
 * buffers of a class it lets them go. The bound must cover the buffers in
 * flight at once, or every one beyond it is allocated afresh and dropped
 * again: a night of fulls of the benchmark estate holds ~80 plans' buffers at
 * its peak, and a bound of 32 buffers made 1,257 of its 3,000 takes fresh
 * allocations (160 MB of page faults and collector work). A plan that is
 * never committed or aborted simply never returns its buffers; nothing else
 * depends on it.
 */
const MIN_CLASS = 10;
/** 32 MiB: 256 buffers for disks of 16k-32k blocks read (128 KiB each); a class of larger buffers keeps at least one. */
const MAX_BYTES_PER_CLASS = 32 * 2 ** 20;

export class ScratchPool {
  private readonly free: Uint32Array[][] = [];

  /** A zeroed array of `length` entries (a view of a pooled buffer). */
  take(length: number): Uint32Array {
    const view = this.takeDirty(length);
    view.fill(0);
    return view;
  }

  /**
   * An array of `length` entries holding whatever its last user left: for a
   * caller that writes every entry before reading any (a night of fulls
   * takes ~10^7 entries a night, and clearing them was pure waste).
   */
  takeDirty(length: number): Uint32Array {
    if (length === 0) return new Uint32Array(0);
    const c = classOf(length);
    const buffer = this.free[c]?.pop();
    return (buffer ?? new Uint32Array(2 ** c)).subarray(0, length);
  }

  /** Returns an array obtained from `take` or `takeDirty`; the caller must not use it afterwards. */
  give(array: Uint32Array): void {
    if (array.length === 0) return;
    const whole = new Uint32Array(array.buffer);
    const c = classOf(whole.length);
    // Only buffers this pool made (a whole power-of-two class) come back into it.
    if (whole.length !== 2 ** c || array.byteOffset !== 0) return;
    const list = (this.free[c] ??= []);
    if ((list.length + 1) * whole.byteLength <= Math.max(MAX_BYTES_PER_CLASS, whole.byteLength)) list.push(whole);
  }
}

function classOf(length: number): number {
  return Math.max(MIN_CLASS, Math.ceil(Math.log2(length)));
}
