/**
 * The chunk store: every block the repository holds, in typed arrays.
 *
 * A stored block lives in a numbered slot (slot 0 stands for the zero block,
 * which is never stored). Per slot the store keeps one record: a reference
 * count (how many entries of backup files point at it), the container it was
 * written in (the write batch, for fragmentation) with the flags in its top
 * four bits, the chunk count (a block of several chunks only: a one-chunk
 * block has one) and the content ids of its chunks (what a restore gets
 * back): 12 bytes for a one-chunk block. Physical bytes are not stored: they
 * follow from the block's fingerprint (compression.ts).
 *
 * Every byte of a record is memory the store must touch for the first time
 * as it grows, and each new page costs a fault (~16-20 us on the benchmark's
 * virtual machine): a night of first fulls stores 1.6x10^7 blocks, so a
 * separate flags-and-length word (16 bytes a record) cost ~16,000 faults
 * more, about a third of a second.
 *
 * A night of an estate's backups touches ~10^7 blocks of a store of ~10^8,
 * far beyond any cache, so the record is one interleaved array entry (one
 * cache line serves every field) and slots are handed out by arena, one per
 * machine (slot-allocator.ts): a machine's backups, merges and freed blocks
 * stay within its own records, which stay in cache while its job runs.
 *
 * The records live in fixed-size segments (up to 1 MiB: 2^16 records of
 * one-chunk blocks), each allocated when the slots first reach it and never moved. A
 * single array doubled on growth copied the whole store each time (hundreds
 * of megabytes at the benchmark's scale) and faulted in a fresh region twice
 * its size: measured at 0.8 s of a 2.4 s night of incrementals. A segment
 * costs one extra load per record access, of a short array that stays cached.
 *
 * Two classes of stored block: indexed ones (written by a deduplicating
 * ingest; later copies of the same content become references to them) and
 * plain ones (written without dedupe, or copied by a transform on a plain
 * repository; the index never sees them, so equal content may be stored many
 * times, as on a plain file-system repository).
 *
 * A block whose count drops to zero stays stored (and findable, if indexed)
 * until garbage collection frees it, as in Proxmox's mark-and-sweep GC: an
 * aborted backup's blocks survive to dedupe its retry.
 *
 * Dropping a reference is logged, not applied: `settle()` applies the log
 * in the order it was written, and the collector then frees the blocks left
 * unreferenced in slot order (so they return to their arenas in that order,
 * whatever the order of the drops).
 * The drops need no grouping by address: a backup file's slots lie mostly in
 * its machine's arena, in the order they were stored, and the blocks all
 * machines share (a template's) are few and stay cached. On the benchmark's
 * night that deletes expired chains (~40 million drops) applying the files
 * as they are takes ~9 ns a drop; grouping them by record segment first took
 * ~45 (a counting pass, a scatter into a fresh buffer of 160 MB, then the
 * grouped decrements), and sorting them whole took more. Reference counts and
 * `unreferencedBlocks` are exact only after settling; everything that reads
 * them settles first.
 */
import { fail } from '../engine/errors.js';
import type { CompressionModel } from './compression.js';
import { fingerprintOf } from './fingerprint.js';
import type { RadixSorter } from './radix-sort.js';
import { SlotAllocator } from './slot-allocator.js';
import { U32Stack } from './u32-stack.js';

/** The slot every zero block maps to; never stored, never counted. */
export const ZERO_SLOT = 0;

const LIVE = 1;
const INDEXED = 2;
const CORRUPT = 4;
const QUEUED = 8;

// Record fields: [references, container | flags << 28, chunk count (several-chunk blocks only), content ids...].
const REFS = 0;
const META = 1;
const LENGTH = 2;
const FLAG_SHIFT = 28;
/** Containers are numbered below this (the flags take the word's top four bits). */
export const CONTAINER_LIMIT = 2 ** FLAG_SHIFT;
const CONTAINER_MASK = CONTAINER_LIMIT - 1;
/** Words per record segment, at most: 2^18 (1 MiB) holds 2^16 records of up to four words (one-chunk records take three). */
const SEGMENT_WORD_BITS = 18;

export class ChunkStore {
  /** Live stored blocks. */
  storedBlocks = 0;
  /** Bytes the stored blocks occupy after compression. */
  physicalBytes = 0;
  /** Bytes the stored blocks hold before compression (each counted once). */
  storedLogicalBytes = 0;
  /** Sum over every reference of the referenced block's logical bytes. */
  referencedLogicalBytes = 0;
  /** Live blocks with no reference, waiting for garbage collection (exact once settled). */
  unreferencedBlocks = 0;

  private readonly stride: number;
  /** Where a record's content ids start: after the length word, which one-chunk blocks do without. */
  private readonly ids: number;
  private readonly slots = new SlotAllocator();
  /** Record segments: slot s is at `segments[s >>> segmentBits]`, word `(s & segmentMask) * stride`. */
  private readonly segments: Uint32Array[] = [];
  private readonly segmentBits: number;
  private readonly segmentMask: number;
  /** Single reference drops (`unref`), applied at the next settle. */
  private readonly decrements = new U32Stack();
  /**
   * Whole files whose references drop at the next settle (`unrefEntries`),
   * held as handed over rather than copied into `decrements`: deleting a
   * night's expired chains drops ~40M references, and copying them into a
   * growing log cost more than applying them (the log doubled to 64M entries,
   * a quarter of a GiB of fresh memory, measured on day 20 of the 30-night
   * benchmark).
   */
  private droppedFiles: Uint32Array[] = [];
  /** Non-zero entries in `droppedFiles`. */
  private droppedEntries = 0;
  /** Slots of one segment a settle left unreferenced (scratch of `settle`). */
  private readonly zeroed = new U32Stack();
  private readonly candidates = new U32Stack();
  private candidatesSorted = true;

  constructor(
    readonly chunksPerBlock: number,
    readonly chunkSizeBytes: number,
    private readonly compression: CompressionModel,
    /** Records per segment as a power of two (default: about 1 MiB a segment; tests use tiny segments to cross their boundaries often). */
    segmentBits = Math.max(0, SEGMENT_WORD_BITS - Math.ceil(Math.log2(idsOffset(chunksPerBlock) + chunksPerBlock))),
  ) {
    if (!(Number.isInteger(segmentBits) && segmentBits >= 0 && segmentBits <= 24)) fail(`segmentBits ${segmentBits} outside [0, 24]`);
    this.ids = idsOffset(chunksPerBlock);
    this.stride = this.ids + chunksPerBlock;
    this.segmentBits = segmentBits;
    this.segmentMask = (1 << segmentBits) - 1;
    this.addSegments();
  }

  /** One past the highest slot ever used: every live slot is below it. */
  get slotLimit(): number {
    return this.slots.limit;
  }

  /** Bytes held by the store's arrays (for memory figures). */
  get byteLength(): number {
    return this.segments.length * this.segmentWords * Uint32Array.BYTES_PER_ELEMENT + this.slots.byteLength + this.decrements.byteLength + this.candidates.byteLength;
  }

  /**
   * Stores a non-zero block of `length` chunks copied from `src[offset, ...)`
   * in a slot of `arena`, holding one reference if `referenced` (the entry
   * that stores it), else none (the caller adds references, or queues an
   * orphan).
   */
  allocate(src: Uint32Array, offset: number, length: number, physicalBytes: number, container: number, indexed: boolean, arena: number, referenced = false): number {
    if (!(container >= 0 && container < CONTAINER_LIMIT)) fail(`container ${container} outside [0, ${CONTAINER_LIMIT})`);
    const slot = this.slots.take(arena);
    if (slot >>> this.segmentBits >= this.segments.length) this.addSegments();
    // Writes only: the allocator hands out free slots alone (the audit checks
    // it), and not reading the old record lets its cache misses overlap.
    const r = this.segments[slot >>> this.segmentBits]!;
    const at = (slot & this.segmentMask) * this.stride;
    r[at + REFS] = referenced ? 1 : 0;
    r[at + META] = container | ((indexed ? LIVE | INDEXED : LIVE) << FLAG_SHIFT);
    const ids = at + this.ids;
    if (this.chunksPerBlock === 1) {
      r[ids] = src[offset]!;
    } else {
      r[at + LENGTH] = length;
      for (let j = 0; j < length; j++) r[ids + j] = src[offset + j]!;
      for (let j = length; j < this.chunksPerBlock; j++) r[ids + j] = 0;
    }
    const logical = length * this.chunkSizeBytes;
    this.storedBlocks++;
    if (referenced) this.referencedLogicalBytes += logical;
    else this.unreferencedBlocks++;
    this.storedLogicalBytes += logical;
    this.physicalBytes += physicalBytes;
    return slot;
  }

  /** Frees an unreferenced block (the caller also removes it from the index); returns its physical bytes. */
  release(slot: number): number {
    const r = this.segmentOf(slot);
    const at = this.offsetOf(slot);
    const flags = r[at + META]! >>> FLAG_SHIFT;
    if ((flags & LIVE) === 0 || r[at + REFS] !== 0) fail(`release of slot ${slot}: not live or still referenced`);
    const physical = this.physicalBytesOf(slot);
    this.physicalBytes -= physical;
    this.storedLogicalBytes -= this.logicalBytesOf(slot);
    this.storedBlocks--;
    this.unreferencedBlocks--;
    // The container stays; the flags go, and so does the length (a freed block has none).
    r[at + META] = r[at + META]! & CONTAINER_MASK;
    if (this.chunksPerBlock > 1) r[at + LENGTH] = 0;
    this.slots.giveBack(slot);
    return physical;
  }

  ref(slot: number): void {
    const r = this.segmentOf(slot);
    const at = this.offsetOf(slot);
    const n = r[at + REFS]!;
    if (n === 0) this.unreferencedBlocks--;
    r[at + REFS] = n + 1;
    this.referencedLogicalBytes += this.lengthIn(r, at) * this.chunkSizeBytes;
  }

  /**
   * Gives every non-zero entry of a backup file its reference. With `fresh`
   * (a new file), entries with that bit set (blocks the commit just stored,
   * which hold theirs already) lose the bit in place instead. One loop with
   * its sums in local variables, for a full's tens of thousands of entries.
   */
  refEntries(entries: Uint32Array, fresh = 2 ** 32): void {
    const segments = this.segments;
    const bits = this.segmentBits;
    const mask = this.segmentMask;
    const stride = this.stride;
    let chunks = 0;
    let revived = 0;
    for (let j = 0; j < entries.length; j++) {
      const slot = entries[j]!;
      if (slot === ZERO_SLOT) continue;
      if (slot >= fresh) {
        entries[j] = slot - fresh;
        continue;
      }
      const r = segments[slot >>> bits]!;
      const at = (slot & mask) * stride;
      const n = r[at + REFS]!;
      if (n === 0) revived++;
      r[at + REFS] = n + 1;
      chunks += this.lengthIn(r, at);
    }
    this.unreferencedBlocks -= revived;
    this.referencedLogicalBytes += chunks * this.chunkSizeBytes;
  }

  /**
   * Drops the reference of every non-zero entry of a backup file (as `unref`
   * for each). The store keeps `entries` itself until the next settle: the
   * caller hands over a file it is discarding and must not change it.
   */
  unrefEntries(entries: Uint32Array): void {
    let added = 0;
    let chunks = 0;
    if (this.chunksPerBlock === 1) {
      for (let i = 0; i < entries.length; i++) if (entries[i] !== ZERO_SLOT) added++;
      chunks = added;
    } else {
      for (let i = 0; i < entries.length; i++) {
        if (entries[i] === ZERO_SLOT) continue;
        added++;
        chunks += this.lengthOf(entries[i]!);
      }
    }
    if (added === 0) return;
    this.droppedFiles.push(entries);
    this.droppedEntries += added;
    this.referencedLogicalBytes -= chunks * this.chunkSizeBytes;
  }

  /** Drops one reference, applied at the next settle. */
  unref(slot: number): void {
    this.decrements.push(slot);
    this.referencedLogicalBytes -= this.chunksPerBlock === 1 ? this.chunkSizeBytes : this.logicalBytesOf(slot);
  }

  /** Makes an unreferenced block (e.g. an orphan left by an aborted backup) a candidate for the collector, once. */
  enqueue(slot: number): void {
    const r = this.segmentOf(slot);
    const at = this.offsetOf(slot) + META;
    const meta = r[at]!;
    if (((meta >>> FLAG_SHIFT) & QUEUED) !== 0) return;
    r[at] = meta | (QUEUED << FLAG_SHIFT);
    if (this.candidates.length > 0 && this.candidates.top > slot) this.candidatesSorted = false;
    this.candidates.push(slot);
  }

  /**
   * Applies the logged reference drops; the blocks left unreferenced go, in
   * slot order, to `free` if given (the collector), else become candidates.
   */
  settle(sorter: RadixSorter, free?: (slot: number) => void): void {
    const n = this.decrements.length + this.droppedEntries;
    if (n === 0) return;
    // Nothing below logs a drop (freeing only releases unreferenced blocks), so the logs are read in place.
    const zeroed = this.zeroed;
    this.decrementAll(this.decrements.view(), zeroed);
    for (const file of this.droppedFiles) this.decrementAll(file, zeroed);
    const list = zeroed.view();
    sorter.sort(list, list.length);
    for (let i = 0; i < list.length; i++) {
      const slot = list[i]!;
      this.unreferencedBlocks++;
      if (free === undefined || (this.flags(slot) & QUEUED) !== 0) this.enqueue(slot);
      else free(slot);
    }
    zeroed.clear();
    if (this.decrements.length + this.droppedEntries !== n) fail('a reference was dropped while settling');
    this.decrements.clear();
    this.droppedFiles = [];
    this.droppedEntries = 0;
  }

  /**
   * Decrements the reference of every non-zero slot in `drops`, in the order
   * given, and pushes to `zeroed` the slots that reached zero. Counts only go
   * down while settling, so a block reaches zero once, at its last drop,
   * whatever the order (the header says why the order is the log's).
   */
  private decrementAll(drops: Uint32Array, zeroed: U32Stack): void {
    const segments = this.segments;
    const bits = this.segmentBits;
    const mask = this.segmentMask;
    const stride = this.stride;
    for (let i = 0; i < drops.length; i++) {
      const slot = drops[i]!;
      if (slot === ZERO_SLOT) continue;
      const r = segments[slot >>> bits]!;
      const at = (slot & mask) * stride + REFS;
      const refs = r[at]!;
      if (refs === 0) fail(`slot ${slot} lost more references than it had`);
      r[at] = refs - 1;
      if (refs === 1) zeroed.push(slot);
    }
  }

  /** Hands every candidate to `visit` in slot order and empties the list. */
  drainCandidates(sorter: RadixSorter, visit: (slot: number) => void): void {
    // A copy: `visit` may make candidates again, which would overwrite the list in place.
    const list = this.candidates.takeAll();
    if (!this.candidatesSorted) sorter.sort(list, list.length);
    this.candidatesSorted = true;
    for (const slot of list) {
      this.segmentOf(slot)[this.offsetOf(slot) + META]! &= ~(QUEUED << FLAG_SHIFT);
      visit(slot);
    }
  }

  isLive(slot: number): boolean {
    return (this.flags(slot) & LIVE) !== 0;
  }

  isIndexed(slot: number): boolean {
    return (this.flags(slot) & INDEXED) !== 0;
  }

  isCorrupt(slot: number): boolean {
    return (this.flags(slot) & CORRUPT) !== 0;
  }

  /** Fault injection: the block's bytes on disk no longer match its fingerprint. */
  markCorrupt(slot: number): void {
    if (!this.isLive(slot)) fail(`corrupting slot ${slot}, which is not stored`);
    this.segmentOf(slot)[this.offsetOf(slot) + META]! |= CORRUPT << FLAG_SHIFT;
  }

  /** The block's reference count (exact once settled). */
  refCount(slot: number): number {
    return this.segmentOf(slot)[this.offsetOf(slot) + REFS]!;
  }

  containerOf(slot: number): number {
    return this.segmentOf(slot)[this.offsetOf(slot) + META]! & CONTAINER_MASK;
  }

  lengthOf(slot: number): number {
    return this.lengthIn(this.segmentOf(slot), this.offsetOf(slot));
  }

  logicalBytesOf(slot: number): number {
    return this.lengthOf(slot) * this.chunkSizeBytes;
  }

  fingerprintOfSlot(slot: number): number {
    return fingerprintOf(this.segmentOf(slot), this.offsetOf(slot) + this.ids, this.lengthOf(slot));
  }

  physicalBytesOf(slot: number): number {
    return this.compression.physicalBytes(this.fingerprintOfSlot(slot), this.logicalBytesOf(slot));
  }

  /** True when the slot holds exactly the `length` ids at `src[offset, ...)`. */
  holds(slot: number, src: Uint32Array, offset: number, length: number): boolean {
    const r = this.segmentOf(slot);
    const at = this.offsetOf(slot);
    if (this.lengthIn(r, at) !== length) return false;
    const ids = at + this.ids;
    for (let j = 0; j < length; j++) if (r[ids + j] !== src[offset + j]) return false;
    return true;
  }

  /** Copies the block's content ids to `out[outOffset, ...)`; returns how many. */
  copyContent(slot: number, out: Uint32Array, outOffset: number): number {
    const r = this.segmentOf(slot);
    const at = this.offsetOf(slot);
    const length = this.lengthIn(r, at);
    const ids = at + this.ids;
    for (let j = 0; j < length; j++) out[outOffset + j] = r[ids + j]!;
    return length;
  }

  /** Content id of the block's first chunk. */
  firstIdOf(slot: number): number {
    return this.segmentOf(slot)[this.offsetOf(slot) + this.ids]!;
  }

  private flags(slot: number): number {
    return this.segmentOf(slot)[this.offsetOf(slot) + META]! >>> FLAG_SHIFT;
  }

  /** Chunks of the record at `r[at]`: its length word, or for a one-chunk block 1 while stored and 0 once freed. */
  private lengthIn(r: Uint32Array, at: number): number {
    return this.chunksPerBlock === 1 ? (r[at + META]! >>> FLAG_SHIFT) & LIVE : r[at + LENGTH]!;
  }

  /** The segment holding the slot's record (any slot below `slotLimit` has one). */
  private segmentOf(slot: number): Uint32Array {
    return this.segments[slot >>> this.segmentBits]!;
  }

  /** Where the slot's record starts within its segment. */
  private offsetOf(slot: number): number {
    return (slot & this.segmentMask) * this.stride;
  }

  private get segmentWords(): number {
    return this.stride * 2 ** this.segmentBits;
  }

  /**
   * Adds segments until every slot below the allocator's limit has one, so
   * any slot it ever handed out (and the rest of its page) can be read.
   */
  private addSegments(): void {
    while (this.segments.length * 2 ** this.segmentBits < this.slots.limit) this.segments.push(new Uint32Array(this.segmentWords));
  }
}

/** Where a record's content ids start: blocks of several chunks keep a length word before them. */
function idsOffset(chunksPerBlock: number): number {
  return chunksPerBlock === 1 ? LENGTH : LENGTH + 1;
}
