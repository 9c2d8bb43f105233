/**
 * Sub-VM restores (DOMAIN.md: restoring a single file without restoring the
 * whole VM; claim 8): a single file, and an application item.
 *
 * Both read only the repository blocks that hold the file's chunks (the
 * backup is mounted and the file copied out, as file-level restore does),
 * and write the file's bytes back into the machine over the network. The
 * read is shaped like the disk's: the disk's mean stored block size, and at
 * least as many runs as the file's blocks form, more if the disk's point is
 * fragmented (in proportion to the disk's runs per block).
 *
 * An application item (a mailbox, a table row) comes from the application's
 * data: its database must open from the point first. A damaged point (an
 * application without a journal that missed committed work) cannot be
 * opened and the restore fails; a crash-consistent one replays its log
 * first (point-verdict.ts), which is time the restore waits.
 *
 * A design that keeps a journal of the machine (CDP) restores a file from
 * the journal's image at the instant asked (journal-locate.ts), reading the
 * file's non-zero chunks from the journal's target.
 */
import { fail } from '../../sim/engine/errors.js';
import { joinHops } from '../../sim/estate/hops.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { ChunkImage } from '../../sim/disk/chunk-image.js';
import type { GuestFile } from '../../sim/guest/filesystem.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { checkRestored } from './content-check.js';
import { filePath, type ResolvedDrill } from './drill.js';
import { fileReport, newDraft, type DrillEnv } from './env.js';
import { locateInJournal, type JournalImages } from './journal-locate.js';
import { locatePoint, type Located } from './locate.js';
import { diskName } from './point-images.js';
import { judgePoint } from './point-verdict.js';
import { productionWriteRoute } from './production-route.js';
import { scaleHops, sequentialReadFactor, type ReadShape } from './read-route.js';
import { outcomeOf, type RestoreDraft, type RestoreReport } from './report.js';

export function* restoreFile(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine): ProcessBody<RestoreReport> {
  const f = m.guest.filesystem.get(filePath(m, drill.file) ?? '');
  if (f === undefined) fail('a file drill reached its restore without a file (validateDrills checks it)');
  const draft = newDraft(env, drill, m.path);
  const journal = locateInJournal(env, drill, m, draft);
  if (journal !== undefined) {
    if (!journal.ok) return fileReport(env, draft.finish({ state: 'failed', reason: journal.reason }));
    yield* copyFileFromJournal(env, m, journal.at, f, draft);
    draft.content = checkRestored(env.ctx, m, journal.at.pointSec, journal.at.images, { kind: 'files', files: [f] });
    return fileReport(env, draft.finish(outcomeOf(draft.content, 'restored file')));
  }
  const where = locatePoint(env, drill, m, draft, [f.diskIndex]);
  if (!where.ok) return fileReport(env, draft.finish({ state: 'failed', reason: where.reason }));
  yield* copyFileOut(env, m, where.at, f, draft);
  draft.content = checkRestored(env.ctx, m, where.at.point.timeSec, where.at.images.images, { kind: 'files', files: [f] });
  return fileReport(env, draft.finish(outcomeOf(draft.content, 'restored file')));
}

export function* restoreApplicationItem(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine): ProcessBody<RestoreReport> {
  const app = m.guest.apps[0];
  const item = app === undefined ? undefined : itemFile(m, app.diskIndex, filePath(m, drill.file));
  if (app === undefined || item === undefined) fail('an application-item drill without an application or a data file (validateDrills checks it)');
  const draft = newDraft(env, drill, m.path);
  const where = locatePoint(env, drill, m, draft, [item.diskIndex]);
  if (!where.ok) return fileReport(env, draft.finish({ state: 'failed', reason: where.reason }));
  const verdict = judgePoint(env.ctx, m, where.at.point, where.at.images.images);
  draft.notes.push(`point judged ${verdict.kind} (${verdict.basis})`);
  if (verdict.kind === 'damaged') return fileReport(env, draft.finish({ state: 'failed', reason: `${app.name} cannot open its data at this point: ${verdict.reason ?? 'damaged'}` }));
  if (verdict.replaySec > 0) {
    draft.notes.push(`${app.name} replayed its log for ${verdict.replaySec.toFixed(1)} s before the item could be read`);
    yield verdict.replaySec;
  }
  yield* copyFileOut(env, m, where.at, item, draft);
  draft.content = checkRestored(env.ctx, m, where.at.point.timeSec, where.at.images.images, { kind: 'files', files: [item] });
  return fileReport(env, draft.finish(outcomeOf(draft.content, `restored ${app.name} item`)));
}

/** The drill's file if named, else the first file in the application's data region of its disk, else the disk's first file. */
function itemFile(m: ProtectedMachine, diskIndex: number, path: string | undefined): GuestFile | undefined {
  if (path !== undefined) return m.guest.filesystem.get(path);
  const onDisk = m.guest.filesystem.files().filter((f) => f.diskIndex === diskIndex);
  const region = m.guest.layouts[diskIndex]?.appData;
  const inRegion = region === undefined ? undefined : onDisk.find((f) => f.chunks[0]! >= region.startChunk && f.chunks[0]! < region.startChunk + region.chunkCount);
  return inRegion ?? onDisk[0];
}

function* copyFileOut(env: DrillEnv, m: ProtectedMachine, at: Located, f: GuestFile, draft: RestoreDraft): ProcessBody<void> {
  const shape = fileReadShape(at, f);
  const route = joinHops(scaleHops(at.repo.readHops(), sequentialReadFactor(shape)), productionWriteRoute(env.ctx.world, m, f.diskIndex, at.repo.target.attachment));
  draft.bytesRead += shape.physicalBytes;
  draft.bytesWritten += f.sizeBytes;
  yield draft.transfer(`file/${f.path}`, f.sizeBytes, route);
}

/** The file's non-zero chunks, read from the journal's target (uncompressed, in order) and written to production. */
function* copyFileFromJournal(env: DrillEnv, m: ProtectedMachine, at: JournalImages, f: GuestFile, draft: RestoreDraft): ProcessBody<void> {
  const image = at.images[f.diskIndex]!;
  let stored = 0;
  for (const c of f.chunks) if (image.contentAt(c) !== 0) stored++;
  draft.bytesRead += stored * image.chunkSizeBytes;
  draft.bytesWritten += f.sizeBytes;
  yield draft.transfer(`file/${f.path}`, f.sizeBytes, joinHops(at.target.readHops(), productionWriteRoute(env.ctx.world, m, f.diskIndex, at.target.attachment)));
}

/** The blocks holding the file's non-zero chunks, and how scattered they are (see the header). */
export function fileReadShape(at: Located, f: GuestFile): ReadShape {
  const image = at.images.images[f.diskIndex] as ChunkImage;
  const k = at.repo.repository.options.chunksPerBlock;
  const blocks = [...new Set(Array.from(f.chunks, (c) => Math.floor(c / k)))].filter((b) => blockHoldsData(image, b, k)).sort((a, b) => a - b);
  let fileRuns = 0;
  for (let i = 0; i < blocks.length; i++) if (i === 0 || blocks[i]! !== blocks[i - 1]! + 1) fileRuns++;
  const disk = at.repo.repository.readLocality(at.point.id, diskName(f.diskIndex));
  const meanBlockBytes = disk !== undefined && disk.blocks > 0 ? disk.physicalBytes / disk.blocks : 0;
  const runsPerBlock = disk !== undefined && disk.blocks > 0 ? disk.runs / disk.blocks : 0;
  const runs = blocks.length === 0 ? 0 : Math.max(fileRuns, Math.round(blocks.length * runsPerBlock));
  return { logicalBytes: f.sizeBytes, physicalBytes: blocks.length * meanBlockBytes, blocks: blocks.length, runs };
}

/** A block is stored (and read) unless every chunk of it is zero. */
function blockHoldsData(image: ChunkImage, block: number, k: number): boolean {
  const end = Math.min(image.chunkCount, (block + 1) * k);
  for (let c = block * k; c < end; c++) if (image.contentAt(c) !== 0) return true;
  return false;
}
