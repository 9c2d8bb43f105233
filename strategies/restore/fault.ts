/**
 * Fault injection for restores and verification: a stored block rots on the
 * repository's disks (`Repository.corruptBlock`). Every point that shares the
 * block (dedupe) is damaged with it; restores of those points read its
 * chunks as unreadable and say so, and verification's backup file
 * validation fails on them (claim 9).
 *
 * These helpers name the block by what a person would point at: a chunk of
 * a disk, or a file of the guest.
 */
import { fail } from '../../sim/engine/errors.js';
import type { RestorePointInfo } from '../../sim/repository/index.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { TargetRepository } from '../target-repository.js';
import { diskName } from './point-images.js';

/** Corrupts the stored block holding chunk `chunk` of disk `diskIndex` at the point; false when that block is all zeros (nothing stored). */
export function corruptChunk(repo: TargetRepository, point: RestorePointInfo<string>, diskIndex: number, chunk: number): boolean {
  const block = Math.floor(chunk / repo.repository.options.chunksPerBlock);
  return repo.repository.corruptBlock(point.id, diskName(diskIndex), block);
}

/** Corrupts the block holding the first stored chunk of a guest file at the point; false when the file is all zeros. */
export function corruptFile(repo: TargetRepository, point: RestorePointInfo<string>, m: ProtectedMachine, path: string): boolean {
  const f = m.guest.filesystem.get(path);
  if (f === undefined) fail(`${m.path} has no file ${JSON.stringify(path)}`);
  for (const chunk of f.chunks) if (corruptChunk(repo, point, f.diskIndex, chunk)) return true;
  return false;
}
