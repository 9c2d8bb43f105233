/**
 * What backup jobs did, as plain data: one record per job, one per restore
 * point, one per snapshot, one per restore. Strategies append to it; the
 * results are computed from it and from the estate's resources, never by a
 * strategy stating its own figures.
 */
import type { GuestCapture } from '../sim/guest/guest.js';
import type { Unprotected } from './protocol.js';

export type JobKind = 'full' | 'incremental' | 'synthetic-full' | 'initial-sync' | 'cdp-stream' | 'near-cdp-sync' | 'tape-copy';

/** The consistency a restore point holds, as the guest model classified it. */
export type ConsistencyLabel = 'application-consistent' | 'crash-consistent' | 'damaged' | 'unknown';

export type JobOutcome =
  | { state: 'done' }
  | { state: 'failed'; reason: string }
  /** The platform could not do what was asked, and the job did something else (full instead of incremental...). */
  | { state: 'degraded'; reason: string }
  /** The design cannot do this job at all (a tape copy by a design that cannot write tape...); nothing was attempted. */
  | { state: 'unsupported'; reason: string };

export interface JobRecord {
  design: string;
  /** `vm/web-017` or `physical/db-01`. */
  machine: string;
  kind: JobKind;
  startSec: number;
  endSec: number;
  outcome: JobOutcome;
  /** Bytes read from production storage. */
  bytesRead: number;
  /** Bytes that crossed the network to the target. */
  bytesSent: number;
  /** Bytes of the protected data this point represents (logical). */
  bytesLogical: number;
  /** New physical bytes stored at the target. */
  bytesStored: number;
  /** CPU spent on the backup, cycles, by where it ran. */
  cpuCycles: { guest: number; host: number; proxy: number; target: number };
  consistency: ConsistencyLabel;
  /** Restore point created, if any. */
  restorePointId: string | null;
  /** Time the restore point represents (the snapshot instant), seconds; default `startSec`. RPO is computed from it. */
  pointSec?: number;
  /** Snapshot used, if any (the hypervisor's VM snapshot). */
  snapshot: SnapshotRecord | null;
  /** A storage-array snapshot the data was read from (backup from array snapshots), if any. */
  storageSnapshot?: SnapshotRecord | null;
  /** Facts worth showing: `cbt-reset: full read`, `vcb: holding area 40 GB`... */
  notes: string[];
  /**
   * The guest's in-memory application state at the point's instant, kept
   * when the job made a point, so restores can judge the point's images
   * with the guest's own classification (strategies/restore/job-captures.ts).
   * Not part of the results.
   */
  capture?: GuestCapture;
  /** Where the job's data went through (a proxy, a tape library); default: the machine's host. */
  lane?: JobLane;
  /** What the job's writes to a tape drive measured; absent when it wrote none. */
  tape?: TapeJobFigures;
}

/** A job's writes to one tape drive, as sim/estate/tape-write.ts measured them. */
export interface TapeJobFigures {
  /** The drive's path, `target/lto-lib/drive/0`. */
  drive: string;
  /** The drive's native streaming speed and lowest speed-matching step, bytes/s (sim/estate/lto.ts). */
  nativeBytesPerSec: number;
  minStreamBytesPerSec: number;
  bytesWritten: number;
  /** From the first byte offered to the drive (a cartridge load included) to the last written, summed over the writes. */
  writeSec: number;
  /** Stops to reposition because the buffer ran dry (shoe-shining). */
  backhitches: number;
  repositionSec: number;
  /** Time the tape moved. */
  streamingSec: number;
  /** Time the feed was held back by a full buffer. */
  stalledSec: number;
  cartridgesLoaded: number;
}

/** The proxy, host or target a job ran through (`proxy/proxy-01`, `host/esx-01`, `target/tape-01`). */
export interface JobLane {
  kind: 'proxy' | 'host' | 'target';
  name: string;
}

export interface SnapshotRecord {
  kind: string;
  createdSec: number;
  deletedSec: number;
  /** Extra I/O the snapshot cost production (COW copies, consolidation), bytes. */
  extraIoBytes: number;
  consolidationSec: number;
  stunSec: number;
  lost: boolean;
}

export interface RestoreRecord {
  design: string;
  machine: string;
  kind: string;
  /** Index of the drill that asked for it, in the run's drills (a lab records one restore per machine it started). */
  drill: number;
  /** The recovery point restored (its time); the request's time when none was found (see `pointFound`). */
  pointSec: number;
  /** False when the restore found no recovery point to restore. */
  pointFound: boolean;
  requestedSec: number;
  /** When service was back (instant recovery: when the VM ran from the backup). */
  serviceSec: number;
  /** When the restore had fully finished (instant recovery: migration back done). */
  completeSec: number;
  /** `reason` on a done outcome says what qualified it (read from tape, checked for readability only...). */
  outcome: { state: 'done'; verified: boolean; reason?: string } | { state: 'failed'; reason: string } | { state: 'unsupported'; reason: string };
  bytesRead: number;
  /** Facts worth showing (where the data came from, a fallback taken); empty when there are none. */
  notes?: string[];
  /** A VM that ran from its backup (instant recovery, lab, verification): how well the backup served its I/O. */
  running?: RunFromBackupFigures;
}

/** The application I/O of a VM while it ran from its backup. */
export interface RunFromBackupFigures {
  /** How long it ran from the backup, seconds. */
  ranSec: number;
  /** Application I/O it asked of the backup, and what it got, bytes. */
  ioDemandedBytes: number;
  ioDeliveredBytes: number;
}

/** A scheduled fault (strategies/restore/scheduled-faults.ts): what it hit, or why it hit nothing. */
export interface FaultRecord {
  kind: 'corrupt-block';
  /** Machine path, `vm/fs-01`. */
  machine: string;
  atSec: number;
  state: 'applied' | 'missed';
  /** Which block was corrupted, or why none was. */
  detail: string;
  /** The restore point whose block rotted (its time), and the target holding it; null when none was found. */
  pointSec: number | null;
  target: string | null;
}

/** A job that began; its JobRecord is appended when it ends (a job still running when the run ends has none). */
export interface JobStart {
  design: string;
  machine: string;
  kind: JobKind;
  startSec: number;
}

/**
 * A job record with nothing counted yet, ending when it starts: callers
 * spread it and set what their job did (its end, outcome, bytes, CPU...).
 */
export function blankJob(design: string, machine: string, kind: JobKind, startSec: number): JobRecord {
  return {
    design,
    machine,
    kind,
    startSec,
    endSec: startSec,
    outcome: { state: 'done' },
    bytesRead: 0,
    bytesSent: 0,
    bytesLogical: 0,
    bytesStored: 0,
    cpuCycles: { guest: 0, host: 0, proxy: 0, target: 0 },
    consistency: 'unknown',
    restorePointId: null,
    snapshot: null,
    notes: [],
  };
}

export class BackupRecorder {
  readonly jobs: JobRecord[] = [];
  /** Every job start, in order (optional for a design; results count the starts that never ended). */
  readonly starts: JobStart[] = [];
  readonly restores: RestoreRecord[] = [];
  readonly unprotected: Unprotected[] = [];
  /** Scheduled faults, in the order they struck. */
  readonly faults: FaultRecord[] = [];
  /** Proxy holding-area peak per proxy path, bytes (VCB). */
  readonly holdingAreaPeakBytes = new Map<string, number>();

  jobStarted(start: JobStart): void {
    this.starts.push(start);
  }

  job(record: JobRecord): void {
    this.jobs.push(record);
  }

  restore(record: RestoreRecord): void {
    this.restores.push(record);
  }

  fault(record: FaultRecord): void {
    this.faults.push(record);
  }

  noteHoldingArea(proxyPath: string, bytes: number): void {
    const prev = this.holdingAreaPeakBytes.get(proxyPath) ?? 0;
    if (bytes > prev) this.holdingAreaPeakBytes.set(proxyPath, bytes);
  }
}
