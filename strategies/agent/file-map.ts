/**
 * File-level backup: which chunks an agent reads.
 *
 * An agent backs up files, not blocks (DOMAIN.md, family 1): a changed file is
 * read whole. `FileChunkMap` knows, per disk, which file owns each chunk (the
 * guest file system's file -> chunk lists, inverted once), so:
 * - an incremental reads every chunk of every file that has a changed chunk,
 *   plus changed chunks no file owns (data the guest appended past its laid
 *   out files: new files, to the agent, read as such);
 * - a full reads every file, plus any non-zero chunk no file owns, so the
 *   restore point holds everything the guest holds.
 * Read sets are ascending chunk indices, as the repository's DiskSource wants.
 */
import { ChunkBitmap } from '../../sim/disk/chunk-bitmap.js';
import type { ChunkImage } from '../../sim/disk/chunk-image.js';
import { ZERO_CONTENT } from '../../sim/disk/content-space.js';
import type { GuestFile, GuestFilesystem } from '../../sim/guest/filesystem.js';

/** No file owns the chunk. */
const NO_FILE = 0;

export interface ReadSet {
  /** Ascending chunk indices to read. */
  chunks: Uint32Array;
  /** Files read whole. */
  files: number;
  /** Chunks read that no file owns. */
  looseChunks: number;
}

export class FileChunkMap {
  /** Per disk: owner[chunk] = file number + 1, or NO_FILE. */
  private readonly owners: Uint32Array[];
  private readonly files: GuestFile[];

  /** `disks`: the machine's disks, in order (only their chunk counts are read). */
  constructor(fs: GuestFilesystem, disks: readonly { readonly chunkCount: number }[]) {
    this.files = fs.files();
    this.owners = [];
    for (const d of disks) this.owners.push(new Uint32Array(d.chunkCount));
    // A loop, not forEach with an arrow made per map, so V8 keeps its optimized code from one run to the next.
    for (let k = 0; k < this.files.length; k++) {
      const f = this.files[k]!;
      const owner = this.owners[f.diskIndex]!;
      for (const c of f.chunks) owner[c] = k + 1;
    }
  }

  /** What an incremental reads on one disk, given the chunks written since the last backup (ascending). */
  incremental(diskIndex: number, changed: Uint32Array): ReadSet {
    const owner = this.owners[diskIndex]!;
    const read = new ChunkBitmap(owner.length);
    const seen = new Set<number>();
    let looseChunks = 0;
    for (const c of changed) {
      const f = owner[c]!;
      if (f === NO_FILE) {
        if (read.add(c)) looseChunks++;
      } else if (!seen.has(f)) {
        seen.add(f);
        for (const k of this.files[f - 1]!.chunks) read.add(k);
      }
    }
    return { chunks: read.toIndices(), files: seen.size, looseChunks };
  }

  /** What a full reads on one disk: every file, and every non-zero chunk no file owns. */
  full(diskIndex: number, image: ChunkImage): ReadSet {
    const owner = this.owners[diskIndex]!;
    const read = new ChunkBitmap(owner.length);
    let files = 0;
    for (const f of this.files) {
      if (f.diskIndex !== diskIndex) continue;
      files++;
      for (const k of f.chunks) read.add(k);
    }
    let looseChunks = 0;
    const content = image.read(0, image.chunkCount);
    for (let c = 0; c < owner.length; c++) {
      if (owner[c] === NO_FILE && content[c] !== ZERO_CONTENT && read.add(c)) looseChunks++;
    }
    return { chunks: read.toIndices(), files, looseChunks };
  }
}
