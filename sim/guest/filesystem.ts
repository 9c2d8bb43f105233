/**
 * A guest file system: which chunks of which disk hold each file, so a
 * restored file can be checked content id for content id (DESIGN.md,
 * decision 6).
 *
 * A file is its path, its size in bytes and its chunk list (a Uint32Array, so
 * fragmented files are expressible; `layoutFiles` lays files out contiguously,
 * which is how a freshly installed image looks). A file's content at any point
 * is the content ids of its chunks in an image of its disk; the last chunk may
 * be partly used, and bytes past the file's end are not compared.
 *
 * Files are kept in creation order, so listing them is deterministic.
 *
 * Laying out a guest's files is most of a world build (tens of thousands of
 * files per estate), and many runs never look at a file (image backups
 * without file restores). So a file system can be given its layout as a
 * deferred step (`deferLayout`) that runs on the first look at its files. The
 * layout draws from the guest's own random stream only, so when it runs does
 * not change what it lays out.
 */
import { ConfigError } from '../engine/errors.js';
import type { RandomStream } from '../engine/random.js';
import type { ChunkImage } from '../disk/chunk-image.js';
import type { ChunkRegion } from '../disk/vm-disk.js';

export interface GuestFile {
  /** Path as the guest sees it, e.g. `C:\data\orders.mdf` or `/var/lib/pgsql/base/16384`. */
  path: string;
  diskIndex: number;
  sizeBytes: number;
  /** Chunks holding the file's bytes, in file order. */
  chunks: Uint32Array;
}

export type FileCheck =
  | { kind: 'identical'; path: string; chunkCount: number }
  | { kind: 'different'; path: string; chunkCount: number; mismatchedChunks: Uint32Array };

interface DiskGeometry {
  chunkCount: number;
  chunkSizeBytes: number;
}

export class GuestFilesystem {
  private readonly byPath = new Map<string, GuestFile>();
  private pendingLayout: ((fs: GuestFilesystem) => void) | undefined;

  constructor(readonly name: string, private readonly disks: readonly DiskGeometry[]) {}

  /** Runs `layout` on the first look at the files (before any other file is added). */
  deferLayout(layout: (fs: GuestFilesystem) => void): void {
    if (this.pendingLayout !== undefined || this.byPath.size > 0) throw new Error(`invariant violated: ${this.name} already has files or a layout`);
    this.pendingLayout = layout;
  }

  add(file: GuestFile): void {
    this.settle();
    this.check(file);
    this.byPath.set(file.path, { ...file, chunks: file.chunks.slice() });
  }

  /**
   * Adds a file whose chunk list the caller gives up (no copy); for layouts
   * that build many files over one shared array.
   */
  adopt(file: GuestFile): void {
    this.settle();
    this.check(file);
    this.byPath.set(file.path, file);
  }

  private check(file: GuestFile): void {
    const c = `${this.name}/fs`;
    if (this.byPath.has(file.path)) throw new ConfigError(c, 'path', file.path, 'be unique in the file system');
    const disk = this.disks[file.diskIndex];
    if (disk === undefined) throw new ConfigError(c, 'diskIndex', file.diskIndex, `be in [0, ${this.disks.length})`);
    for (const chunk of file.chunks) {
      if (chunk >= disk.chunkCount) throw new ConfigError(c, `${file.path}.chunks`, chunk, `be < ${disk.chunkCount}`);
    }
    const capacity = file.chunks.length * disk.chunkSizeBytes;
    if (!(file.sizeBytes > capacity - disk.chunkSizeBytes && file.sizeBytes <= capacity)) {
      throw new ConfigError(c, `${file.path}.sizeBytes`, file.sizeBytes, `fit its ${file.chunks.length} chunks exactly (last chunk may be partial)`);
    }
  }

  /** Runs the deferred layout, once. */
  private settle(): void {
    const layout = this.pendingLayout;
    if (layout === undefined) return;
    this.pendingLayout = undefined;
    layout(this);
  }

  get(path: string): GuestFile | undefined {
    this.settle();
    return this.byPath.get(path);
  }

  /** All files, in creation order. */
  files(): GuestFile[] {
    this.settle();
    return [...this.byPath.values()];
  }

  /** The largest file (the first of equals in creation order), undefined when there are none. */
  largest(): GuestFile | undefined {
    this.settle();
    let best: GuestFile | undefined;
    for (const f of this.byPath.values()) if (best === undefined || f.sizeBytes > best.sizeBytes) best = f;
    return best;
  }

  get totalBytes(): number {
    this.settle();
    let total = 0;
    for (const f of this.byPath.values()) total += f.sizeBytes;
    return total;
  }

  /** The file's content ids in `images[file.diskIndex]`. */
  readFile(path: string, images: readonly ChunkImage[]): Uint32Array {
    const file = this.require(path);
    const image = images[file.diskIndex];
    if (image === undefined) throw new Error(`invariant violated: no image of disk ${file.diskIndex} for ${path}`);
    // A loop, not Uint32Array.from with an arrow made per call, so V8 keeps its optimized code from one run to the next.
    const ids = new Uint32Array(file.chunks.length);
    for (let k = 0; k < ids.length; k++) ids[k] = image.contentAt(file.chunks[k]!);
    return ids;
  }

  /** Compares a restored file's content ids with the file in a recovery point's images. */
  checkFile(path: string, recoveryPoint: readonly ChunkImage[], restoredIds: Uint32Array): FileCheck {
    const expected = this.readFile(path, recoveryPoint);
    const mismatched: number[] = [];
    const n = Math.max(expected.length, restoredIds.length);
    for (let k = 0; k < n; k++) if (expected[k] !== restoredIds[k]) mismatched.push(k);
    return mismatched.length === 0
      ? { kind: 'identical', path, chunkCount: expected.length }
      : { kind: 'different', path, chunkCount: expected.length, mismatchedChunks: Uint32Array.from(mismatched) };
  }

  private require(path: string): GuestFile {
    const file = this.get(path);
    if (file === undefined) throw new Error(`invariant violated: no file ${JSON.stringify(path)} in ${this.name}`);
    return file;
  }
}

export interface FileLayoutOptions {
  diskIndex: number;
  region: ChunkRegion;
  chunkSizeBytes: number;
  /** Paths are `${pathPrefix}${n}` with n zero-padded, in layout order. */
  pathPrefix: string;
  /** Mean file length in chunks; lengths are uniform in [1, 2 * mean - 1]. */
  meanFileChunks: number;
  random: RandomStream;
}

/** Cuts a region into contiguous files of random lengths and adds them to the file system. */
export function layoutFiles(fs: GuestFilesystem, options: FileLayoutOptions): GuestFile[] {
  const { region, chunkSizeBytes, random } = options;
  const maxChunks = Math.max(1, 2 * Math.round(options.meanFileChunks) - 1);
  const out: GuestFile[] = [];
  // Contiguous files: each file's chunk list is a view of one array of the
  // region's chunk indices (one allocation per region, not per file).
  const all = new Uint32Array(region.chunkCount);
  for (let k = 0; k < all.length; k++) all[k] = region.startChunk + k;
  let offset = 0;
  while (offset < all.length) {
    const length = Math.min(all.length - offset, random.int(1, maxChunks));
    // The last chunk of a file is partly used; the slack is whole bytes in [0, chunk size).
    const sizeBytes = length * chunkSizeBytes - random.int(0, chunkSizeBytes - 1);
    const file = { path: `${options.pathPrefix}${String(out.length).padStart(5, '0')}`, diskIndex: options.diskIndex, sizeBytes, chunks: all.subarray(offset, offset + length) };
    fs.adopt(file);
    out.push(file);
    offset += length;
  }
  return out;
}
