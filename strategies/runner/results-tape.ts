/**
 * Tape statistics of a run (DOMAIN.md, tape (LTO): a drive fed below its
 * lowest speed step backhitches, "shoe-shining"). Every job that wrote to a
 * drive (a proxy image straight to tape, a disk-to-tape copy) keeps what
 * its writes measured (sim/estate/tape-write.ts); the results add them up
 * per job kind, so an architect sees the effective write speed a drive
 * reached and the backhitches it took to reach it, beside its native speed.
 */
import type { TapeWriteResult } from '../../sim/estate/tape-write.js';
import type { JobKind, JobRecord, TapeJobFigures } from '../recorder.js';
import type { TapeDriveSpeeds, TapeFigures, TapeResults } from '../results.js';

/** The part of a drive the figures need: its path and its configured speeds. */
export interface DriveIdentity {
  path: string;
  config: { nativeBytesPerSec: number; minStreamBytesPerSec: number };
}

/** Empty figures for a job about to write to `drive`. */
export function blankTapeFigures(drive: DriveIdentity): TapeJobFigures {
  const { nativeBytesPerSec, minStreamBytesPerSec } = drive.config;
  return { drive: drive.path, nativeBytesPerSec, minStreamBytesPerSec, bytesWritten: 0, writeSec: 0, backhitches: 0, repositionSec: 0, streamingSec: 0, stalledSec: 0, cartridgesLoaded: 0 };
}

/** What a drive measures of a write that adds up across writes and jobs, in one list for both. */
const COUNTED = ['bytesWritten', 'backhitches', 'repositionSec', 'streamingSec', 'stalledSec', 'cartridgesLoaded'] as const;

type Counts = Record<(typeof COUNTED)[number], number>;

function addCounts(into: Counts, from: Counts): void {
  for (const k of COUNTED) into[k] += from[k];
}

/** Adds one write's measurements to the job's figures. */
export function addTapeWrite(f: TapeJobFigures, r: TapeWriteResult): void {
  addCounts(f, r);
  f.writeSec += r.endSec - r.startSec;
}

function sum(list: readonly TapeJobFigures[]): TapeFigures {
  const t = { jobs: list.length, bytesWritten: 0, writeSec: 0, effectiveBytesPerSec: 0, backhitches: 0, repositionSec: 0, streamingSec: 0, stalledSec: 0, cartridgesLoaded: 0 };
  for (const f of list) {
    addCounts(t, f);
    t.writeSec += f.writeSec;
  }
  t.effectiveBytesPerSec = t.writeSec > 0 ? t.bytesWritten / t.writeSec : 0;
  return t;
}

/** Each drive once, in order of first use, with its speeds. */
function drivesOf(list: readonly TapeJobFigures[]): TapeDriveSpeeds[] {
  const out: TapeDriveSpeeds[] = [];
  for (const f of list) if (!out.some((d) => d.drive === f.drive)) out.push({ drive: f.drive, nativeBytesPerSec: f.nativeBytesPerSec, minStreamBytesPerSec: f.minStreamBytesPerSec });
  return out;
}

/**
 * A module-level predicate, not an arrow: the run's every job passes here, and V8 drops an arrow's
 * optimized code when the arrow dies, so an arrow made per run is optimized again in every run.
 */
function wroteTape(j: JobRecord): j is JobRecord & { tape: TapeJobFigures } {
  return j.tape !== undefined;
}

/** The run's tape figures, in total and per job kind; undefined when no job wrote to tape. */
export function tapeResults(jobs: readonly JobRecord[]): TapeResults | undefined {
  const written = jobs.filter(wroteTape);
  if (written.length === 0) return undefined;
  const kinds: JobKind[] = [];
  for (const j of written) if (!kinds.includes(j.kind)) kinds.push(j.kind);
  return {
    total: sum(written.map((j) => j.tape)),
    drives: drivesOf(written.map((j) => j.tape)),
    byKind: kinds.map((kind) => ({ kind, ...sum(written.filter((j) => j.kind === kind).map((j) => j.tape)) })),
  };
}
