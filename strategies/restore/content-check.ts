/**
 * Does the restored data equal the protected data at the recovery point?
 * (DESIGN.md decision 6: data is real enough to be restored, and a restore
 * is checked content id for content id.)
 *
 * Two checks, the second only when the run has a witness of the protected
 * data (context.ts):
 * 1. readability: no restored chunk reads UNREADABLE_CONTENT (a corrupt
 *    stored block, sim/repository/reconstruct.ts);
 * 2. equality: every restored file equals the file in the witness's images
 *    (GuestFilesystem.checkFile), and every restored chunk equals the
 *    witness's chunk, so data outside any file counts too.
 * The outcome is data: how much was checked and what differed.
 */
import type { ChunkImage } from '../../sim/disk/chunk-image.js';
import type { GuestFile } from '../../sim/guest/filesystem.js';
import { UNREADABLE_CONTENT } from '../../sim/repository/index.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { RestoreContext } from './context.js';

export interface ContentCheck {
  ok: boolean;
  /** True when a witness of the protected data was compared (equality), not only readability. */
  againstWitness: boolean;
  filesChecked: number;
  filesDifferent: number;
  chunksChecked: number;
  chunksDifferent: number;
  unreadableChunks: number;
  /** Why the check failed, for the record; null when it passed. */
  reason: string | null;
}

/** What a restore delivered: whole disks, or some files. */
export type RestoredScope = { kind: 'disks'; disks: readonly number[] } | { kind: 'files'; files: readonly GuestFile[] };

/** Checks the restored images (by disk index) of `m` at `pointSec` over the scope. */
export function checkRestored(ctx: RestoreContext, m: ProtectedMachine, pointSec: number, restored: readonly (ChunkImage | undefined)[], scope: RestoredScope): ContentCheck {
  // Pushed, not mapped: V8's optimized map() makes holey arrays and its unoptimized one packed
  // arrays, and the file reads over these images would be deoptimized whenever the other kind turned up.
  const present: ChunkImage[] = [];
  for (let i = 0; i < restored.length; i++) present.push(restored[i] ?? emptyLike(m, i));
  const reference = ctx.witness?.imagesAt(m.path, pointSec, present);
  const files = scope.kind === 'files' ? scope.files : filesOn(m.guest.filesystem.files(), scope.disks);
  const c = { filesChecked: 0, filesDifferent: 0, chunksChecked: 0, chunksDifferent: 0, unreadableChunks: 0 };
  for (const f of files) {
    const ids = m.guest.filesystem.readFile(f.path, present);
    c.filesChecked++;
    const unreadable = ids.includes(UNREADABLE_CONTENT);
    const different = reference !== undefined && m.guest.filesystem.checkFile(f.path, reference, ids).kind === 'different';
    if (unreadable || different) c.filesDifferent++;
  }
  const disks = scope.kind === 'disks' ? scope.disks : [...new Set(scope.files.map((f) => f.diskIndex))];
  for (const d of disks) {
    const chunks = scope.kind === 'disks' ? allChunks(present[d]!) : fileChunks(scope.files, d);
    compareChunks(present[d]!, reference?.[d], chunks, c);
  }
  const againstWitness = reference !== undefined;
  const ok = c.filesDifferent === 0 && c.chunksDifferent === 0 && c.unreadableChunks === 0;
  return { ok, againstWitness, ...c, reason: ok ? null : describe(c, againstWitness) };
}

function compareChunks(restored: ChunkImage, reference: ChunkImage | undefined, chunks: Uint32Array, c: { chunksChecked: number; chunksDifferent: number; unreadableChunks: number }): void {
  for (const chunk of chunks) {
    const id = restored.contentAt(chunk);
    c.chunksChecked++;
    if (id === UNREADABLE_CONTENT) c.unreadableChunks++;
    if (id === UNREADABLE_CONTENT || (reference !== undefined && reference.contentAt(chunk) !== id)) c.chunksDifferent++;
  }
}

// Loops, not arrows made per call: V8 drops an arrow's optimized code when the arrow dies, so an arrow
// made per call is optimized again in every run.

function filesOn(files: readonly GuestFile[], disks: readonly number[]): GuestFile[] {
  const out: GuestFile[] = [];
  for (const f of files) if (disks.includes(f.diskIndex)) out.push(f);
  return out;
}

function allChunks(image: ChunkImage): Uint32Array {
  const chunks = new Uint32Array(image.chunkCount);
  for (let i = 0; i < chunks.length; i++) chunks[i] = i;
  return chunks;
}

function fileChunks(files: readonly GuestFile[], disk: number): Uint32Array {
  const set = new Set<number>();
  for (const f of files) if (f.diskIndex === disk) for (const chunk of f.chunks) set.add(chunk);
  return Uint32Array.from([...set].sort((a, b) => a - b));
}

/** A disk the point does not hold restores as nothing at all: every chunk unreadable. */
function emptyLike(m: ProtectedMachine, diskIndex: number): ChunkImage {
  const disk = m.guest.disks[diskIndex]!;
  return { chunkCount: disk.chunkCount, chunkSizeBytes: disk.chunkSizeBytes, contentAt: () => UNREADABLE_CONTENT, read: (_s, n) => new Uint32Array(n).fill(UNREADABLE_CONTENT) };
}

function describe(c: { filesDifferent: number; chunksDifferent: number; unreadableChunks: number }, againstWitness: boolean): string {
  if (c.unreadableChunks > 0) return `${c.unreadableChunks} chunk(s) unreadable (corrupt stored block), ${c.filesDifferent} file(s) affected`;
  return `${c.chunksDifferent} chunk(s) and ${c.filesDifferent} file(s) differ from the protected data${againstWitness ? ' (witness)' : ''}`;
}
