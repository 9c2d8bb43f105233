/**
 * Rebuilding a restore point's disk image, chunk by chunk: what every restore
 * and verification checks against the protected data.
 *
 * The point's block map comes from its chain (anchor, then the deltas between,
 * chain-ops.ts), and each block's content ids come from the stored block. The
 * image is a frozen copy (400 KiB for a 100 GiB disk at 1 MiB chunks), so a
 * later merge, retention or GC cannot change a restore already in progress.
 *
 * A stored block marked corrupt cannot be read back: its chunks read as
 * `UNREADABLE_CONTENT`, and the outcome is 'damaged' with the chunks affected,
 * so a restore or verification reports it rather than returning wrong data as
 * if it were good. Every point sharing that block (dedupe) is damaged too.
 */
import { FrozenImage } from '../disk/chunk-image.js';
import { fail } from '../engine/errors.js';
import { ZERO_SLOT } from './chunk-store.js';
import type { ChainRecord, PointRecord } from './catalog.js';
import { materialize } from './chain-ops.js';
import type { RepositoryState } from './state.js';

/** What an unreadable chunk reads as: the largest content id, which a run never reaches (2^32 - 1 chunk writes). */
export const UNREADABLE_CONTENT = 0xffff_ffff;

export type ReconstructOutcome =
  | { state: 'intact'; image: FrozenImage }
  | { state: 'damaged'; image: FrozenImage; /** Ascending chunk indices that read as UNREADABLE_CONTENT. */ corruptChunks: Uint32Array }
  | { state: 'not-found'; pointId: number };

/** The point and the index of one of its disks, or undefined if the point is gone. */
export function findPointDisk<L extends string>(state: RepositoryState<L>, pointId: number, disk: string): { point: PointRecord<L>; chain: ChainRecord<L>; diskIndex: number } | undefined {
  const point = state.catalog.points.get(pointId);
  if (point === undefined) return undefined;
  const diskIndex = point.chain.disks.findIndex((d) => d.name === disk);
  if (diskIndex < 0) fail(`point ${pointId} of ${point.machine} has no disk ${JSON.stringify(disk)} (it has ${point.chain.disks.map((d) => d.name).join(', ')})`);
  return { point, chain: point.chain, diskIndex };
}

export function reconstructDisk(state: RepositoryState<string>, pointId: number, disk: string): ReconstructOutcome {
  const found = findPointDisk(state, pointId, disk);
  if (found === undefined) return { state: 'not-found', pointId };
  const { point, chain, diskIndex } = found;
  const slots = materialize(chain, chain.points.indexOf(point))[diskIndex]!;
  const geometry = chain.disks[diskIndex]!;
  const { store } = state;
  const k = geometry.chunksPerBlock;
  const content = new Uint32Array(geometry.chunkCount);
  const corrupt: number[] = [];
  for (let b = 0; b < slots.length; b++) {
    const slot = slots[b]!;
    if (slot === ZERO_SLOT) continue;
    if (!store.isLive(slot)) fail(`point ${pointId} ${disk} block ${b}: refers to slot ${slot}, which is not stored`);
    const length = store.copyContent(slot, content, b * k);
    if (!store.isCorrupt(slot)) continue;
    for (let j = 0; j < length; j++) {
      content[b * k + j] = UNREADABLE_CONTENT;
      corrupt.push(b * k + j);
    }
  }
  const image = new FrozenImage(content, state.options.chunkSizeBytes);
  return corrupt.length === 0 ? { state: 'intact', image } : { state: 'damaged', image, corruptChunks: Uint32Array.from(corrupt) };
}
