/**
 * Redirect-on-write snapshots (VMware delta disks; also Hyper-V AVHDX and
 * XenServer VHD differencing disks) and the chain they form on one disk.
 *
 * After a snapshot, the VM's writes go to a new delta; reading the snapshot
 * reads the parent, which no longer changes. A write costs 1 I/O, as without
 * a snapshot (snapshot-kinds.ts), but the delta grows: its size is the
 * distinct chunks written since the snapshot times the chunk size (a chunk
 * rewritten a hundred times takes its place once). With several snapshots,
 * snapshot i's delta holds what was written between it and snapshot i+1;
 * the newest one's delta is the running one.
 *
 * The chain is bounded by MAX_ROW_CHAIN_LENGTH (32, DOMAIN.md): one more is a
 * `snapshot-limit` outcome. Deleting a snapshot merges its delta into its
 * parent (consolidate.ts): I/O proportional to the delta, plus passes and a
 * stun when it is the running delta.
 */
import { assert } from '../engine/errors.js';
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { VirtualDisk } from '../disk/virtual-disk.js';
import { consolidate } from './consolidate.js';
import { CONSOLIDATION_DEFAULTS, type ConsolidationPolicy, type ConsolidationResult } from './consolidation-policy.js';
import { DiskSnapshot, type Clock, type SnapshotDeletion } from './disk-snapshot.js';
import type { SnapshotLimit } from './outcomes.js';
import { MAX_ROW_CHAIN_LENGTH } from './snapshot-kinds.js';
import type { StorageIo } from './storage-io.js';

export class RowChain {
  private readonly chain: RowSnapshot[] = [];
  private stuns = 0;

  constructor(
    readonly disk: VirtualDisk,
    readonly io: StorageIo,
    private readonly clock: Clock,
    readonly policy: ConsolidationPolicy = CONSOLIDATION_DEFAULTS,
  ) {}

  /** Snapshots in the chain, oldest first. */
  get snapshots(): readonly RowSnapshot[] {
    return this.chain;
  }

  /** True while a consolidation holds the VM stunned. */
  get stunned(): boolean {
    return this.stuns > 0;
  }

  /** Total delta bytes of the chain: what it occupies on the datastore beyond the base disk. */
  deltaBytes(): number {
    return this.chain.reduce((sum, s) => sum + s.deltaBytes(), 0);
  }

  /** Takes a snapshot at the current instant (the platform charges the control time). */
  create(id: string): RowSnapshot | SnapshotLimit {
    if (this.chain.length >= MAX_ROW_CHAIN_LENGTH) {
      return { kind: 'snapshot-limit', limit: MAX_ROW_CHAIN_LENGTH, reason: `${this.disk.name} already has ${MAX_ROW_CHAIN_LENGTH} snapshots in its chain` };
    }
    const snapshot = new RowSnapshot(id, this, this.clock);
    this.chain.push(snapshot);
    return snapshot;
  }

  /** @internal the delta of `s`: from its creation to the next snapshot's, or to now for the newest. */
  deltaChunksOf(s: RowSnapshot): number {
    const i = this.chain.indexOf(s);
    assert(i >= 0, 'snapshot is not in this chain');
    const next = this.chain[i + 1];
    return next === undefined ? s.chunksWrittenSince : next.chunksWrittenSinceOlder(s);
  }

  /** @internal */
  *remove(sim: Simulation, s: RowSnapshot, deltaBytes: number): ProcessBody<ConsolidationResult> {
    const i = this.chain.indexOf(s);
    assert(i >= 0, 'snapshot is not in this chain');
    const runningDelta = i === this.chain.length - 1;
    this.chain.splice(i, 1);
    return yield* consolidate(sim, {
      name: s.id,
      disk: this.disk,
      io: this.io,
      deltaBytes,
      runningDelta,
      policy: this.policy,
      onStun: (stunned) => {
        this.stuns += stunned ? 1 : -1;
      },
    });
  }
}

export class RowSnapshot extends DiskSnapshot {
  /** For each older snapshot: chunks written since it, counted when this one was taken. */
  private readonly olderCounts = new Map<RowSnapshot, number>();

  constructor(
    id: string,
    private readonly chain: RowChain,
    clock: Clock,
  ) {
    super(id, 'redirect-on-write', chain.disk, chain.io, clock);
    for (const older of chain.snapshots) this.olderCounts.set(older, older.chunksWrittenSince);
  }

  /** @internal distinct chunks written since this snapshot. */
  get chunksWrittenSince(): number {
    return this.overlay.preservedChunkCount;
  }

  /** @internal chunks written between `older` and this snapshot. */
  chunksWrittenSinceOlder(older: RowSnapshot): number {
    const n = this.olderCounts.get(older);
    assert(n !== undefined, 'older snapshot unknown to this one');
    return n;
  }

  /** Distinct chunks written into this snapshot's delta, times the chunk size. */
  override deltaBytes(): number {
    return this.active ? this.chain.deltaChunksOf(this) * this.disk.chunkSizeBytes : 0;
  }

  /** True when the VM writes into this snapshot's delta (it is the newest). */
  get running(): boolean {
    const all = this.chain.snapshots;
    return this.active && all[all.length - 1] === this;
  }

  /**
   * Deletes the snapshot: the point in time is gone at once, then its delta
   * merges into its parent (passes and a stun if it was the running delta).
   */
  *delete(sim: Simulation): ProcessBody<SnapshotDeletion> {
    const deltaBytes = this.deltaBytes();
    const deletedAtSec = sim.now;
    this.end('deleted');
    const consolidation = yield* this.chain.remove(sim, this, deltaBytes);
    this.consolidationResult = consolidation;
    this.extra.addCharged(consolidation.ioBytes / this.io.ioSizeBytes, consolidation.ioBytes);
    return { kind: 'deleted', id: this.id, deletedAtSec, consolidation };
  }
}
