/**
 * What every disk snapshot shares: a read view that returns exactly the
 * content at the snapshot instant whatever the guest writes afterwards, a
 * status, and its accounting (lifetime, growth, extra I/O, stun) as data for
 * results.
 *
 * The content is held by the disk layer's point-in-time overlay (it saves a
 * chunk's old id on the first overwrite after the point), whatever the kind:
 * the overlay is how the simulator keeps data, not how the storage does. What
 * differs between kinds is cost, and subclasses charge it: copy-on-write adds
 * I/O on first writes, redirect-on-write grows a delta and merges it on
 * delete, an array snapshot costs next to nothing.
 *
 * A snapshot ends `deleted` or `lost` (a copy-on-write diff area overflowed);
 * either way the overlay is released. Reading an ended snapshot's `image` is
 * a programmer error; a strategy that reads in batches asks `read()` (or
 * checks `status`) between batches and records the loss as its outcome.
 */
import { assert } from '../engine/errors.js';
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { Flow } from '../flow/network.js';
import type { ChunkImage } from '../disk/chunk-image.js';
import type { PointInTimeOverlay } from '../disk/point-in-time-overlay.js';
import type { VirtualDisk } from '../disk/virtual-disk.js';
import type { ConsolidationResult } from './consolidation-policy.js';
import { ExtraIoLedger } from './extra-io.js';
import { RECOMMENDED_MAX_SNAPSHOT_AGE_SEC, SNAPSHOT_KINDS, type SnapshotKind, type SnapshotKindTraits } from './snapshot-kinds.js';
import type { StorageIo } from './storage-io.js';

export type SnapshotStatus = 'active' | 'lost' | 'deleted';

/** The simulated clock a snapshot reads (a Simulation is one). */
export interface Clock {
  readonly now: number;
}

/** What deleting a snapshot did. */
export type SnapshotDeletion =
  | { kind: 'deleted'; id: string; deletedAtSec: number; consolidation: ConsolidationResult | null }
  | { kind: 'already-lost'; id: string; lostAtSec: number; reason: string };

export type SnapshotRead =
  | { kind: 'readable'; image: ChunkImage }
  | { kind: 'lost'; lostAtSec: number; reason: string }
  | { kind: 'deleted'; deletedAtSec: number };

/** A snapshot's life in numbers (bytes and seconds), for results. */
export interface SnapshotAccount {
  id: string;
  kind: SnapshotKind;
  disk: string;
  storage: string;
  status: SnapshotStatus;
  createdAtSec: number;
  endedAtSec: number | null;
  lifetimeSec: number;
  /** Chunk writes to the disk while the snapshot lived. */
  guestWrites: number;
  /** Of those, writes that were the first to their chunk since the snapshot. */
  firstWrites: number;
  /** I/O the snapshot added beyond the guest's own writes (copy-aside, merges). */
  extraIoCount: number;
  extraIoBytes: number;
  /** Extra I/O bytes accrued but not yet charged as flows. */
  pendingExtraIoBytes: number;
  /** Redirect-on-write: current delta size; 0 for other kinds. */
  deltaBytes: number;
  deltaPeakBytes: number;
  /** Copy-on-write: diff area size and use; null / 0 for other kinds. */
  diffAreaBytes: number | null;
  diffAreaUsedBytes: number;
  consolidation: ConsolidationResult | null;
  stunSec: number;
  lostAtSec: number | null;
  lossReason: string | null;
  /** Lived longer than VMware's 72 h advice (DOMAIN.md). */
  olderThanRecommended: boolean;
}

export abstract class DiskSnapshot {
  readonly traits: SnapshotKindTraits;
  readonly createdAtSec: number;
  protected readonly overlay: PointInTimeOverlay;
  protected readonly extra = new ExtraIoLedger();
  protected consolidationResult: ConsolidationResult | null = null;
  private statusValue: SnapshotStatus = 'active';
  private endedAt: number | null = null;
  private lossReason: string | null = null;
  private finalWrites = 0;
  private finalFirstWrites = 0;
  private deltaPeak = 0;

  constructor(
    /** Unique per run, e.g. `vm/sql-01/disk/0@snap-3`. */
    readonly id: string,
    readonly kind: SnapshotKind,
    readonly disk: VirtualDisk,
    /** Where its extra I/O lands. */
    readonly io: StorageIo,
    protected readonly clock: Clock,
  ) {
    this.traits = SNAPSHOT_KINDS[kind];
    this.createdAtSec = clock.now;
    this.overlay = disk.pointInTime({ onFirstOverwrite: (chunk) => this.onFirstWrite(chunk) });
  }

  get status(): SnapshotStatus {
    return this.statusValue;
  }

  get active(): boolean {
    return this.statusValue === 'active';
  }

  /** The content at the snapshot instant; only while the snapshot is active. */
  get image(): ChunkImage {
    assert(this.statusValue === 'active', 'reading an ended snapshot: check status or use read()');
    return this.overlay;
  }

  read(): SnapshotRead {
    if (this.statusValue === 'active') return { kind: 'readable', image: this.overlay };
    if (this.statusValue === 'lost') return { kind: 'lost', lostAtSec: this.endedAt!, reason: this.lossReason! };
    return { kind: 'deleted', deletedAtSec: this.endedAt! };
  }

  /** Chunk writes since the snapshot (frozen when it ends). */
  get guestWrites(): number {
    return this.active ? this.disk.writeCount - this.overlay.atWriteCount : this.finalWrites;
  }

  /** Writes that were the first to their chunk since the snapshot (frozen when it ends). */
  get firstWrites(): number {
    return this.active ? this.overlay.preservedChunkCount : this.finalFirstWrites;
  }

  /**
   * Deletes the snapshot, spending the time and I/O its kind costs (a merge
   * for redirect-on-write, a control operation otherwise).
   */
  abstract delete(sim: Simulation): ProcessBody<SnapshotDeletion>;

  /** Current delta bytes (redirect-on-write only). */
  deltaBytes(): number {
    return 0;
  }

  /** Charges the extra I/O accrued so far as one flow spread over `spreadOverSec` (see extra-io.ts). */
  chargePendingIo(sim: Simulation, spreadOverSec = 0): Flow | null {
    return this.extra.charge(sim, this.io, `${this.id}/extra-io`, spreadOverSec);
  }

  account(): SnapshotAccount {
    const delta = this.deltaBytes();
    this.deltaPeak = Math.max(this.deltaPeak, delta);
    const end = this.endedAt ?? this.clock.now;
    return {
      id: this.id,
      kind: this.kind,
      disk: this.disk.name,
      storage: this.io.path,
      status: this.statusValue,
      createdAtSec: this.createdAtSec,
      endedAtSec: this.endedAt,
      lifetimeSec: end - this.createdAtSec,
      guestWrites: this.guestWrites,
      firstWrites: this.firstWrites,
      extraIoCount: this.extra.ioCount,
      extraIoBytes: this.extra.bytes,
      pendingExtraIoBytes: this.extra.pendingBytes,
      deltaBytes: delta,
      deltaPeakBytes: this.deltaPeak,
      diffAreaBytes: this.diffAreaBytes(),
      diffAreaUsedBytes: this.diffAreaUsedBytes(),
      consolidation: this.consolidationResult,
      stunSec: this.consolidationResult?.stunSec ?? 0,
      lostAtSec: this.statusValue === 'lost' ? this.endedAt : null,
      lossReason: this.lossReason,
      olderThanRecommended: end - this.createdAtSec > RECOMMENDED_MAX_SNAPSHOT_AGE_SEC,
    };
  }

  /** Called by the overlay on the first write to a chunk after the snapshot, before the new id lands. */
  protected onFirstWrite(_chunk: number): void {}

  protected diffAreaBytes(): number | null {
    return null;
  }

  protected diffAreaUsedBytes(): number {
    return 0;
  }

  /** The answer for deleting a snapshot that was lost before. */
  protected alreadyLost(): SnapshotDeletion {
    return { kind: 'already-lost', id: this.id, lostAtSec: this.endedAt!, reason: this.lossReason! };
  }

  /** Ends the snapshot: freezes its counters and releases the overlay. */
  protected end(status: 'deleted' | 'lost', reason: string | null = null): void {
    assert(this.statusValue === 'active', 'ending a snapshot twice');
    this.deltaPeak = Math.max(this.deltaPeak, this.deltaBytes());
    this.finalWrites = this.guestWrites;
    this.finalFirstWrites = this.firstWrites;
    this.statusValue = status;
    this.endedAt = this.clock.now;
    this.lossReason = reason;
    this.overlay.release();
  }
}
