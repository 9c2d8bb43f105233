/**
 * A restore point's disk images, read back from the repository
 * (`Repository.reconstruct`), indexed like the guest's disks.
 *
 * Designs name a machine's disks `disk/<index>` when they ingest them (the
 * proxy image and agent jobs both do); that convention is how a point's
 * disks map back to the guest's. A disk the point does not hold (a design
 * that skipped it) has no image. Chunks of a corrupt stored block read as
 * UNREADABLE_CONTENT, and the count is kept so the restore can say what it
 * could not deliver.
 */
import type { ChunkImage, FrozenImage } from '../../sim/disk/chunk-image.js';
import type { RestorePointInfo } from '../../sim/repository/index.js';
import type { TargetRepository } from '../target-repository.js';

/** The name a design gives disk `index` of a machine in the repository. */
export function diskName(index: number): string {
  return `disk/${index}`;
}

export interface PointImages {
  /** By guest disk index; undefined where the point holds no such disk. */
  images: (FrozenImage | undefined)[];
  /** Unreadable chunks per disk index (0 where intact). */
  unreadable: number[];
  /** Total unreadable chunks. */
  unreadableChunks: number;
}

/** Rebuilds the point's images for disks `0 .. diskCount - 1`; undefined if the point is gone. */
export function readPointImages(repo: TargetRepository, point: RestorePointInfo<string>, diskCount: number): PointImages | undefined {
  const images: (FrozenImage | undefined)[] = [];
  const unreadable: number[] = [];
  let unreadableChunks = 0;
  for (let i = 0; i < diskCount; i++) {
    if (!point.disks.some((d) => d.name === diskName(i))) {
      images.push(undefined);
      unreadable.push(0);
      continue;
    }
    const outcome = repo.repository.reconstruct(point.id, diskName(i));
    if (outcome.state === 'not-found') return undefined;
    images.push(outcome.image);
    const bad = outcome.state === 'damaged' ? outcome.corruptChunks.length : 0;
    unreadable.push(bad);
    unreadableChunks += bad;
  }
  return { images, unreadable, unreadableChunks };
}

/** Bytes of an image's non-zero chunks: what a thin restore of it writes. */
export function nonZeroBytes(image: ChunkImage): number {
  let n = 0;
  for (const id of image.read(0, image.chunkCount)) if (id !== 0) n++;
  return n * image.chunkSizeBytes;
}
