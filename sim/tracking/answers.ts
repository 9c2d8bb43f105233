/**
 * Builders for the two answers every tracker shares: "here is everything
 * allocated" (a `*` query) and "you must read everything, because ...".
 * Both list the disk's non-zero chunks: a full read of a thin disk reads what
 * is allocated, and an unlisted chunk restores as zeros.
 */
import type { VirtualDisk } from '../disk/virtual-disk.js';
import type { ChangedAreas, FullReadReason } from './change-areas.js';

export function allAllocated(disk: VirtualDisk): ChangedAreas {
  const chunks = disk.nonZeroChunks();
  return { kind: 'all-allocated', chunks, readBytes: chunks.length * disk.chunkSizeBytes };
}

export function fullRequired(disk: VirtualDisk, asked: string, reason: FullReadReason, detail: string): ChangedAreas {
  const chunks = disk.nonZeroChunks();
  return { kind: 'full-required', asked, reason, detail, chunks, readBytes: chunks.length * disk.chunkSizeBytes };
}
