/**
 * Turns a plan's verdicts into stored blocks at commit time, for the commit
 * and for an abort's partial data alike.
 *
 * If nothing changed the index since the plan was made, its verdicts are
 * exact and are used as they are. If other backups only stored blocks since
 * (no collection ran), the duplicate verdicts still hold (a stored block stays
 * indexed under its slot until collected) and only the blocks the plan found
 * new are looked up again: content stored meanwhile by a concurrent backup
 * becomes a duplicate. After a collection every block is looked up again: a
 * block the plan counted on may have been collected.
 */
import { ZERO_SLOT } from './chunk-store.js';
import type { DedupePlacement } from './ingest-types.js';
import { NEW, REPEAT, type PlannedDisk } from './planned-disk.js';

/** Marks a slot the resolver has just stored (slots stay below 2^31, slot-allocator.ts). */
export const FRESH = 0x8000_0000;
import { writeBlock, type RepositoryIo } from './repository-io.js';
import type { RepositoryState } from './state.js';
import { U32Stack } from './u32-stack.js';
import { IdIndex } from './id-index.js';

export class SlotResolver {
  /**
   * Blocks this resolver stored, in order (unreferenced until the caller adds
   * references): the repository's one list, emptied here, since a commit or
   * abort runs to its end before the next starts (a list of its own per
   * backup grew by copying to tens of thousands of entries, per machine).
   */
  readonly stored: U32Stack;
  newPhysicalBytes = 0;
  /** True once a block did not fit in the repository's capacity. */
  full = false;
  private readonly exact: boolean;
  /** No collection since the plan: its duplicate verdicts are still stored and indexed. */
  private readonly kept: boolean;

  constructor(
    private readonly state: RepositoryState<string>,
    private readonly placement: DedupePlacement,
    plan: { readonly indexVersion: number; readonly indexRemovals: number },
    private readonly container: number,
    private readonly io: RepositoryIo,
    private readonly arena: number,
    /** A commit stores blocks already holding the reference of the entry that needs them; an abort stores orphans. */
    private readonly referenced: boolean,
  ) {
    this.exact = plan.indexVersion === state.indexVersion;
    this.kept = plan.indexRemovals === state.indexRemovals;
    this.stored = state.storedSlots;
    this.stored.clear();
  }

  /**
   * Number of blocks source dedupe skipped that are no longer stored. Such
   * blocks never crossed the network, so the point cannot be completed.
   */
  countMissing(disks: readonly PlannedDisk[]): number {
    if (this.kept || this.placement !== 'source') return 0;
    let missing = 0;
    for (const d of disks) {
      for (let i = 0; i < d.verdicts.length; i++) {
        const v = d.verdicts[i]!;
        if (v === ZERO_SLOT || v === NEW || v === REPEAT) continue;
        if (this.lookup(d, i) === 0) missing++;
      }
    }
    return missing;
  }

  /**
   * The stored block for position i of a planned disk, storing it if needed:
   * 0 for a zero block, a slot with the FRESH bit if this call stored it (and,
   * for a commit, gave it its first reference), -1 once the target is full.
   * A slot with the FRESH bit comes as a negative 32-bit integer: the caller
   * keeps it in a Uint32Array, which stores the same 32 bits, and V8 boxes a
   * number of 2^31 or more returned from a call it does not inline (one heap
   * number per block stored, 10 MB of garbage a run of the default scenario).
   */
  resolve(d: PlannedDisk, i: number): number {
    const v = d.verdicts[i]!;
    if (v === ZERO_SLOT) return ZERO_SLOT;
    if (this.placement === 'none') return this.store(d, i, false, v === NEW);
    if (this.kept && v !== NEW && v !== REPEAT) return v;
    if (this.exact && v === NEW) return this.store(d, i, true, true);
    const found = this.lookup(d, i);
    return found !== 0 ? found : this.store(d, i, true, v === NEW);
  }

  /**
   * Every block of a planned disk, in order, into `out` (as `resolve` for
   * each), stopping once the target is full. While no collection ran since
   * the plan, a duplicate's verdict is its slot and a zero block's is 0, and
   * resolving them changes nothing: they are copied in bulk, and only the
   * plan's NEW and REPEAT blocks (few, on any full but a machine's first) go
   * through `resolve`, in the same order as before, so blocks are stored in
   * the same slots. A night of fulls resolves ~3x10^7 blocks, nearly all
   * duplicates.
   */
  resolveAll(d: PlannedDisk, out: Uint32Array): void {
    const verdicts = d.verdicts;
    if (!this.kept || this.placement === 'none') {
      for (let i = 0; i < out.length && !this.full; i++) out[i] = this.resolve(d, i);
      return;
    }
    out.set(verdicts);
    const index = this.state.index;
    if (index instanceof IdIndex) return this.resolveOneChunk(d, out, index);
    for (let i = 0; i < out.length; i++) {
      // REPEAT and NEW are the two largest 32-bit values (planned-disk.ts).
      if (verdicts[i]! < REPEAT) continue;
      out[i] = this.resolve(d, i);
      if (this.full) return;
    }
  }

  /**
   * The loop of `resolveAll` over NEW and REPEAT blocks of one chunk each
   * (the id index), as `resolve` then `store` do it, written out: a machine's
   * first full stores every block of its own data (1.6x10^7 blocks on the
   * benchmark's first night). The I/O and byte sums are added once at the
   * end (sums of whole numbers, so exact in any order); nothing reads them
   * while the loop runs.
   */
  private resolveOneChunk(d: PlannedDisk, out: Uint32Array, index: IdIndex): void {
    const { verdicts, content, newSizes } = d;
    const state = this.state;
    const store = state.store;
    const capacity = state.options.capacityBytes;
    let stored = 0;
    let physicalSum = 0;
    for (let i = 0; i < out.length; i++) {
      const v = verdicts[i]!;
      // REPEAT and NEW are the two largest 32-bit values (planned-disk.ts).
      if (v < REPEAT) continue;
      if (!(this.exact && v === NEW)) {
        const found = index.find(content, i);
        if (found !== 0) {
          out[i] = found;
          continue;
        }
      }
      const physical = v === NEW ? newSizes[i]! : d.physicalBytesAt(i, state.compression);
      if (store.physicalBytes + physical > capacity) {
        this.full = true;
        out[i] = -1;
        break;
      }
      const slot = store.allocate(content, i, 1, physical, this.container, true, this.arena, this.referenced);
      index.insert(slot, content, i);
      this.stored.push(slot);
      out[i] = slot | FRESH;
      stored++;
      physicalSum += physical;
    }
    state.indexVersion += stored;
    this.newPhysicalBytes += physicalSum;
    this.io.writeOps += stored;
    this.io.writeBytes += physicalSum;
  }

  private lookup(d: PlannedDisk, i: number): number {
    const k = this.state.options.chunksPerBlock;
    const length = k === 1 ? 1 : d.lengthAt(i);
    // The one-chunk index keys on the content id itself: no fingerprint to compute (a machine's first full looks up every block again).
    const index = this.state.index;
    return index.find(d.content, i * k, length, index.needsFingerprint ? d.fingerprintAt(i) : -1);
  }

  /** Stores block i; `sized` when the plan found it NEW and so kept its stored size. */
  private store(d: PlannedDisk, i: number, indexed: boolean, sized: boolean): number {
    const state = this.state;
    const store = state.store;
    const k = state.options.chunksPerBlock;
    const length = k === 1 ? 1 : d.lengthAt(i);
    const physical = sized ? d.newSizes[i]! : d.physicalBytesAt(i, state.compression);
    if (store.physicalBytes + physical > state.options.capacityBytes) {
      this.full = true;
      return -1;
    }
    const slot = store.allocate(d.content, i * k, length, physical, this.container, indexed, this.arena, this.referenced);
    if (indexed) {
      const index = state.index;
      index.insert(slot, d.content, i * k, index.needsFingerprint ? d.fingerprintAt(i) : -1);
      state.indexVersion++;
    }
    this.stored.push(slot);
    this.newPhysicalBytes += physical;
    writeBlock(this.io, physical);
    return slot | FRESH;
  }
}
