/**
 * Restoring a VM or a disk from tape (tape-catalog.ts): a disk-to-tape
 * copy, or a point a design wrote straight to tape. A point that is an
 * incremental on tape is a chain: the whole image it is based on is read
 * first, then each incremental after a locate, and the restored content is
 * the point's.
 *
 * Tape is sequential and mechanical (DOMAIN.md, LTO figures): the job waits
 * for a drive, unloads whatever cartridge it holds (rewind), loads the
 * cartridge with the copy (12-16 s), locates the copy (about 60 s), then
 * streams it: each disk is one flow through the drive's channel (native
 * speed, charged per stored byte: the copy is compressed), the network from
 * the library to the machine, and the machine's production storage. The
 * cartridge is rewound and unloaded at the end (about 60 s). Reading is
 * modelled at the channel's speed only: a slow reader does not make the
 * drive shoe-shine here (the buffer model is for writes).
 */
import { joinHops } from '../../sim/estate/hops.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { TapeDrive } from '../../sim/estate/tape-drive.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { checkRestored } from './content-check.js';
import { pointLimitSec, type ResolvedDrill } from './drill.js';
import { fileReport, newDraft, type DrillEnv } from './env.js';
import { nonZeroBytes } from './point-images.js';
import { productionWriteRoute } from './production-route.js';
import { outcomeOf, type RestoreDraft, type RestoreReport } from './report.js';
import { chainOf, type TapeEntry } from './tape-catalog.js';

export function* restoreFromTape(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine, disks: readonly number[]): ProcessBody<RestoreReport> {
  const draft = newDraft(env, drill, m.path);
  const entry = env.tape.find(m.path, pointLimitSec(drill.point, env.sim.now));
  if (entry === undefined) return fileReport(env, draft.finish({ state: 'failed', reason: `no tape copy of ${m.path} at or before the drill's point` }));
  draft.source = entry.library;
  draft.pointSec = entry.pointSec;
  const missing = disks.filter((d) => entry.images[d] === undefined);
  if (missing.length > 0) return fileReport(env, draft.finish({ state: 'failed', reason: `the tape copy of ${m.path} holds no disk ${missing.join(', ')}` }));
  const library = env.ctx.world.estate.tapeLibrary(entry.library);
  const chain = chainOf(entry);
  if (chain.length > 1) draft.notes.push(`tape chain: read the whole image and ${chain.length - 1} incremental(s), each after a locate`);
  const drive = yield* library.acquireDrive();
  try {
    yield* mountCopy(env, drive);
    for (const [k, link] of chain.entries()) {
      if (k > 0) yield* drive.locate(env.sim);
      for (const d of disks) yield* readDisk(env, m, link, d, drive, draft);
    }
    yield drive.config.rewindSec;
  } finally {
    library.releaseDrive(drive);
  }
  draft.content = checkRestored(env.ctx, m, entry.pointSec, entry.images, { kind: 'disks', disks });
  return fileReport(env, draft.finish(outcomeOf(draft.content, 'data restored from tape')));
}

/** Rewinds and unloads the drive's cartridge, then loads and locates the copy's. */
function* mountCopy(env: DrillEnv, drive: TapeDrive): ProcessBody<void> {
  if (drive.loaded) yield* drive.unload(env.sim);
  yield drive.config.loadSec;
  yield* drive.locate(env.sim);
}

function* readDisk(env: DrillEnv, m: ProtectedMachine, entry: TapeEntry, d: number, drive: TapeDrive, draft: RestoreDraft): ProcessBody<void> {
  const library = env.ctx.world.estate.tapeLibrary(entry.library);
  if (entry.diskTapeBytes !== undefined) {
    // A link of a chain holds the changed chunks only, written raw: they are read and written back as they are.
    const bytes = entry.diskTapeBytes[d] ?? 0;
    draft.bytesRead += bytes;
    draft.bytesWritten += bytes;
    if (bytes > 0) yield draft.transfer(`tape/${entry.pointSec}/disk/${d}`, bytes, joinHops([{ resource: drive.channel }], productionWriteRoute(env.ctx.world, m, d, library.attachment)));
    return;
  }
  const image = entry.images[d]!;
  const logical = nonZeroBytes(image);
  const storedPerByte = entry.logicalBytes > 0 ? entry.tapeBytes / entry.logicalBytes : 1;
  const route = joinHops([{ resource: drive.channel, coef: storedPerByte }], productionWriteRoute(env.ctx.world, m, d, library.attachment));
  draft.bytesRead += logical * storedPerByte;
  draft.bytesWritten += logical;
  yield draft.transfer(`tape/disk/${d}`, logical, route);
}
