/**
 * Disk-to-disk-to-tape copies (DOMAIN.md, backup targets: every product
 * writes to disk, not every product writes to tape; issue 4 item 6).
 *
 * A tape-copy job takes a drive of the library, and for each machine copies
 * its restore point from the disk repository to tape, one after another: the
 * point's every stored block is read in block order from the repository
 * (read-route.ts: its read hops, slowed by fragmentation), crosses the
 * network to the library and is streamed to the drive by `writeToTape`,
 * which models speed matching and shoe-shining: a feed slower than the
 * drive's lowest speed step makes it backhitch (sim/estate/tape-buffer.ts).
 * Nothing is deduplicated on tape: what is written is the point's stored
 * (compressed) bytes, every block as often as the point holds it, even if
 * the repository keeps it once.
 *
 * A design that cannot write tape asked for a copy records an 'unsupported'
 * 'tape-copy' job with the reason (claim 11: the simulator says what is left
 * unprotected); `validateTapeCopies` reports it before the run.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { TapeDrive } from '../../sim/estate/tape-drive.js';
import type { TapeLibrary } from '../../sim/estate/tape-library.js';
import { writeToTape } from '../../sim/estate/tape-write.js';
import { joinHops } from '../../sim/estate/hops.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { BackupDesign } from '../protocol.js';
import { blankJob, type JobRecord } from '../recorder.js';
import { addTapeWrite, blankTapeFigures } from '../runner/results-tape.js';
import type { RestoreContext } from './context.js';
import { pointLimitSec, type PointChoice } from './drill.js';
import { findPoint, type FoundPoint } from './find-point.js';
import { readPointImages } from './point-images.js';
import { scaleHops, sequentialReadFactor, shapeOf } from './read-route.js';
import type { TapeCatalog } from './tape-catalog.js';

export interface TapeCopySpec {
  /** The estate's tape library (`targets[i].name`). */
  library: string;
  atSec: number;
  /** Machines to copy (names or paths), in order. Default: every machine the design protects. */
  machines?: readonly string[];
  /** Default 'latest'. */
  point?: PointChoice;
}

export interface TapeCopyEnv {
  ctx: RestoreContext;
  design: BackupDesign;
  catalog: TapeCatalog;
}

/** Copies each machine's point to tape on one drive of the library; one JobRecord per machine. */
export function* tapeCopyJob(env: TapeCopyEnv, library: TapeLibrary, machines: readonly ProtectedMachine[], choice: PointChoice): ProcessBody<void> {
  const drive = yield* library.acquireDrive();
  try {
    for (const m of machines) yield* copyPoint(env, library, drive, m, choice);
  } finally {
    library.releaseDrive(drive);
  }
}

function* copyPoint(env: TapeCopyEnv, library: TapeLibrary, drive: TapeDrive, m: ProtectedMachine, choice: PointChoice): ProcessBody<void> {
  const sim = env.ctx.world.sim;
  const draft = { ...tapeJob(env.design.name, m.path, sim.now), lane: { kind: 'target' as const, name: library.path } };
  env.ctx.recorder.jobStarted({ design: draft.design, machine: draft.machine, kind: 'tape-copy', startSec: draft.startSec });
  const search = findPoint(env.ctx, m.path, pointLimitSec(choice, sim.now));
  if (search.found) yield* copyFound(env, library, drive, m, search.at, draft);
  else draft.outcome = { state: 'failed', reason: search.reason };
  env.ctx.recorder.job({ ...draft, endSec: sim.now });
}

function* copyFound(env: TapeCopyEnv, library: TapeLibrary, drive: TapeDrive, m: ProtectedMachine, at: FoundPoint, draft: Omit<JobRecord, 'endSec'>): ProcessBody<void> {
  const sim = env.ctx.world.sim;
  const images = readPointImages(at.repo, at.point, m.guest.disks.length);
  const locality = at.repo.repository.readLocality(at.point.id);
  draft.consistency = at.point.consistency;
  draft.pointSec = at.point.timeSec;
  if (images === undefined || locality === undefined) {
    draft.outcome = { state: 'failed', reason: `restore point ${at.point.id} of ${m.path} left the catalog` };
    return;
  }
  if (images.unreadableChunks > 0) {
    draft.outcome = { state: 'failed', reason: `${images.unreadableChunks} chunk(s) of point ${at.point.id} are unreadable: the copy would carry corrupt data` };
    return;
  }
  const shape = shapeOf(locality);
  const perTapeByte = shape.physicalBytes > 0 ? (sequentialReadFactor(shape) * shape.logicalBytes) / shape.physicalBytes : 1;
  const route = joinHops(scaleHops(at.repo.readHops(), perTapeByte), env.ctx.world.estate.networkPath(at.repo.target.attachment, library.attachment).hops);
  const r = yield* writeToTape(sim, library, drive, { name: `tape-copy/${env.design.name}/${m.path}`, sizeBytes: shape.physicalBytes, route });
  draft.bytesRead = shape.physicalBytes;
  draft.bytesSent = r.bytesWritten;
  draft.bytesStored = r.bytesWritten;
  draft.bytesLogical = shape.logicalBytes;
  addTapeWrite((draft.tape = blankTapeFigures(drive)), r);
  draft.notes.push(`${drive.path}: ${r.backhitches} backhitch(es), ${r.repositionSec.toFixed(1)} s repositioning, ${r.streamingSec.toFixed(1)} s streaming, ${r.stalledSec.toFixed(1)} s feed stalled`);
  if (r.state === 'out-of-media') {
    draft.outcome = { state: 'failed', reason: `${library.path} ran out of cartridges after ${r.bytesWritten} B` };
    return;
  }
  // A copy holds an existing recovery point on another medium, not a new one:
  // restorePointId stays null so results do not count it as a point (RPO).
  draft.notes.push(`copy ${library.name}#tape/${env.catalog.entries().length} of ${at.repo.name}#${at.point.id}`);
  env.catalog.add({
    machine: m.path,
    pointSec: at.point.timeSec,
    sourcePointId: at.point.id,
    sourceTarget: at.repo.name,
    library: library.name,
    images: images.images,
    tapeBytes: r.bytesWritten,
    logicalBytes: shape.logicalBytes,
    copiedSec: sim.now,
  });
}

function tapeJob(design: string, machine: string, startSec: number): Omit<JobRecord, 'endSec'> {
  const { endSec: _unset, ...blank } = blankJob(design, machine, 'tape-copy', startSec);
  return blank;
}

/** The record of a tape copy a design cannot make. */
export function unsupportedTapeJob(design: string, machine: string, atSec: number, reason: string): JobRecord {
  return { ...tapeJob(design, machine, atSec), endSec: atSec, outcome: { state: 'unsupported', reason } };
}
