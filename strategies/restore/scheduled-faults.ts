/**
 * Faults a scenario schedules: "bit rot on the repository at time T"
 * (claim 9: verification finds unrecoverable backups without a restore).
 *
 * A `corrupt-block` fault wakes at its time, finds the machine's restore
 * point it names in the run's repositories (find-point.ts, the same search
 * the drills use), and corrupts the stored block holding one chunk of one
 * disk (fault.ts). Every point that shares that block through dedupe is
 * damaged with it; restores read its chunks as unreadable and verification's
 * backup file validation fails on them.
 *
 * What the fault hit, or why it hit nothing (no point yet, a disk or chunk
 * the machine does not have, a block of zeros that stores nothing), is a
 * FaultRecord in the recorder and the results (STYLE.md principle 5:
 * simulated faults are data). Only malformed specs are ConfigErrors, before
 * the run.
 */
import { ConfigError } from '../../sim/engine/errors.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { FaultRecord } from '../recorder.js';
import type { RestoreContext } from './context.js';
import { filePath, pointLimitSec, type FileChoice, type PointChoice } from './drill.js';
import { corruptChunk } from './fault.js';
import { findPoint, type FoundPoint } from './find-point.js';

export interface FaultSpec {
  kind: 'corrupt-block';
  /** The machine's estate name or path. */
  machine: string;
  /** When the block rots, seconds of simulated time. */
  atSec: number;
  /** The point whose block rots: its newest at that time (default) or the newest at or before a time. */
  point?: PointChoice;
  /** Disk index. Default 0. */
  disk?: number;
  /** Chunk of the disk whose stored block rots. Default: the disk's first chunk that stores data. */
  chunk?: number;
  /** Or: the guest file (a path or LARGEST_FILE) whose first stored chunk's block rots (on the file's own disk). */
  file?: FileChoice;
}

/** Checks every spec now (ConfigError on a malformed one), then starts one process per fault. */
export function startFaults(ctx: RestoreContext, faults: readonly FaultSpec[]): void {
  faults.forEach(requireWellFormed);
  const sim = ctx.world.sim;
  faults.forEach((f, i) => {
    sim.process(`fault/${i}/${f.kind}`, (function* () {
      if (f.atSec > sim.now) yield f.atSec - sim.now;
      ctx.recorder.fault(applyFault(ctx, f));
    })());
  });
}

function applyFault(ctx: RestoreContext, f: FaultSpec): FaultRecord {
  const sim = ctx.world.sim;
  const m = ctx.world.machines.find((x) => x.name === f.machine || x.path === f.machine);
  const base = { kind: f.kind, machine: m?.path ?? f.machine, atSec: sim.now, pointSec: null, target: null };
  if (m === undefined) return { ...base, state: 'missed', detail: `the world has no machine ${JSON.stringify(f.machine)}` };
  const search = findPoint(ctx, m.path, pointLimitSec(f.point ?? 'latest', sim.now));
  if (!search.found) return { ...base, state: 'missed', detail: search.reason };
  const at = search.at;
  const hit = corruptWhere(at, m, f);
  const where = { ...base, pointSec: at.point.timeSec, target: at.repo.name };
  return typeof hit === 'string' ? { ...where, state: 'missed', detail: hit } : { ...where, state: 'applied', detail: `stored block of chunk ${hit.chunk} of disk ${hit.disk} at point ${at.point.id} corrupted` };
}

/** Corrupts the block the spec names; the chunk hit, or why nothing was. */
function corruptWhere(at: FoundPoint, m: ProtectedMachine, f: FaultSpec): { disk: number; chunk: number } | string {
  const path = filePath(m, f.file);
  if (path !== undefined) {
    const file = m.guest.filesystem.get(path);
    if (file === undefined) return `${m.path} has no file ${JSON.stringify(path)}`;
    for (const chunk of file.chunks) if (corruptChunk(at.repo, at.point, file.diskIndex, chunk)) return { disk: file.diskIndex, chunk };
    return `${path} holds only zeros: no stored block to corrupt`;
  }
  const disk = f.disk ?? 0;
  const d = m.guest.disks[disk];
  if (d === undefined) return `${m.path} has no disk ${disk} (it has ${m.guest.disks.length})`;
  if (f.chunk !== undefined) {
    if (f.chunk >= d.chunkCount) return `disk ${disk} of ${m.path} has ${d.chunkCount} chunks, not ${f.chunk + 1}`;
    return corruptChunk(at.repo, at.point, disk, f.chunk) ? { disk, chunk: f.chunk } : `chunk ${f.chunk} of disk ${disk} is in a block of zeros: nothing stored to corrupt`;
  }
  const step = at.repo.repository.options.chunksPerBlock;
  for (let chunk = 0; chunk < d.chunkCount; chunk += step) if (corruptChunk(at.repo, at.point, disk, chunk)) return { disk, chunk };
  return `disk ${disk} of ${m.path} stores nothing at this point`;
}

function requireWellFormed(f: FaultSpec, index: number): void {
  const c = `fault/${index}`;
  if (f.kind !== 'corrupt-block') throw new ConfigError(c, 'kind', f.kind, "be 'corrupt-block'");
  if (typeof f.machine !== 'string' || f.machine.length === 0) throw new ConfigError(c, 'machine', f.machine, 'be a machine name');
  if (!(Number.isFinite(f.atSec) && f.atSec >= 0)) throw new ConfigError(c, 'atSec', f.atSec, 'be a finite time >= 0');
  for (const [key, v] of [['disk', f.disk], ['chunk', f.chunk]] as const) {
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) throw new ConfigError(c, key, v, 'be a whole number >= 0');
  }
  if (f.file !== undefined && (f.chunk !== undefined || f.disk !== undefined)) throw new ConfigError(c, 'file', f.file, 'name a block by file or by disk and chunk, not both');
}
