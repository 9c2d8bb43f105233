/**
 * Finds blocks that repeat within one backup, so a plan counts a block that
 * appears twice (the same file copied inside a VM, two disks cloned from one
 * image) as sent and stored once, the way a deduplicating stream does.
 *
 * A small open-addressing table owned by the repository and reused by every
 * plan. An entry is [plan stamp, fingerprint, disk, position] side by side, so
 * a probe reads one cache line and compares content only on a fingerprint
 * match; the stamp means starting a plan clears nothing, and planning an
 * incremental of a few thousand blocks costs no allocation.
 *
 * With one chunk per block the content id is the block's exact identity, so
 * the table keys on id pages instead (64 consecutive ids, as in id-index.ts):
 * an entry is [plan stamp, page, two words of bits, one per id]. Content ids
 * come in runs (an application's data, a night of writes), and a machine's
 * first full (on the benchmark, ~16 million blocks nobody stored yet, each
 * asked here) then reads one entry per 64 blocks, where keying on the
 * fingerprint scattered every block over a table of megabytes, a cache miss
 * each (1.7 s of the first night's profile). The answer is the same: seen
 * before exactly when the same id was asked earlier in the plan.
 */
import { ConfigError } from '../engine/errors.js';
import { mix32 } from './fingerprint.js';

export interface BlockSource {
  /** Content ids, `chunksPerBlock` per listed block. */
  readonly content: Uint32Array;
  /** Chunks in each listed block (a disk's last block may be short). */
  lengthAt(position: number): number;
}

const STAMP = 0;
const KEY = 1;
const DISK = 2;
const POS = 3;
const WIDTH = 4;
// The id-page form's fields (one chunk per block): the page, and its 64 ids' bits, low and high.
const PAGE = 1;
const LOW = 2;
const HIGH = 3;
const PAGE_BITS = 6;

export class RepeatFinder {
  private entries = new Uint32Array(0);
  private mask = 0;
  private generation = 0;
  private sources: readonly BlockSource[] = [];
  /** The id page asked last in this plan (-1: none yet) and its entry. */
  private lastPage = -1;
  private lastAt = 0;

  constructor(private readonly chunksPerBlock: number) {}

  /** Starts a plan over these disks, with room for `maxBlocks` distinct blocks. */
  begin(sources: readonly BlockSource[], maxBlocks: number): void {
    this.sources = sources;
    let size = 64;
    while (size < 2 * maxBlocks) size *= 2;
    if (size > 2 ** 28) throw new ConfigError('repository', 'blocks per backup', maxBlocks, 'stay below 2^27');
    if (size * WIDTH > this.entries.length || this.generation === 0xffff_ffff) {
      this.entries = new Uint32Array(Math.max(size * WIDTH, this.entries.length));
      this.generation = 0;
    }
    this.mask = size - 1;
    this.generation++;
    this.lastPage = -1;
  }

  /** True when the block at (disk, position) equals one seen earlier in this plan; records it otherwise. */
  seenBefore(fingerprint: number, disk: number, position: number): boolean {
    if (this.chunksPerBlock === 1) return this.seenIdBefore(this.sources[disk]!.content[position]!);
    const e = this.entries;
    const gen = this.generation;
    const mask = this.mask;
    for (let p = fingerprint & mask; ; p = (p + 1) & mask) {
      const at = p * WIDTH;
      if (e[at + STAMP] !== gen) {
        e[at + STAMP] = gen;
        e[at + KEY] = fingerprint;
        e[at + DISK] = disk;
        e[at + POS] = position;
        return false;
      }
      if (e[at + KEY] === fingerprint && this.sameBlock(e[at + DISK]!, e[at + POS]!, disk, position)) return true;
    }
  }

  /**
   * The one-chunk form: true when `id` was asked earlier in this plan;
   * records it otherwise. Pages are at most the blocks asked, so the table
   * (sized for twice the blocks) stays at most half full.
   */
  private seenIdBefore(id: number): boolean {
    const e = this.entries;
    const page = id >>> PAGE_BITS;
    const bit = 1 << (id & 31);
    const word = (id & 32) === 0 ? LOW : HIGH;
    // Ids come in runs: the entry of the last page asked answers its neighbours without a probe.
    const at = page === this.lastPage ? this.lastAt : this.pageEntry(page);
    const bits = e[at + word]!;
    if ((bits & bit) !== 0) return true;
    e[at + word] = bits | bit;
    return false;
  }

  /** Where the id page's entry is in this plan's table, made (no ids seen) if the page is new. */
  private pageEntry(page: number): number {
    const e = this.entries;
    const gen = this.generation;
    const mask = this.mask;
    for (let p = mix32(page) & mask; ; p = (p + 1) & mask) {
      const at = p * WIDTH;
      if (e[at + STAMP] !== gen) {
        e[at + STAMP] = gen;
        e[at + PAGE] = page;
        e[at + LOW] = 0;
        e[at + HIGH] = 0;
      } else if (e[at + PAGE] !== page) continue;
      this.lastPage = page;
      this.lastAt = at;
      return at;
    }
  }

  private sameBlock(d1: number, p1: number, d2: number, p2: number): boolean {
    const a = this.sources[d1]!;
    const b = this.sources[d2]!;
    const length = a.lengthAt(p1);
    if (length !== b.lengthAt(p2)) return false;
    const k = this.chunksPerBlock;
    for (let j = 0; j < length; j++) if (a.content[p1 * k + j] !== b.content[p2 * k + j]) return false;
    return true;
  }
}
