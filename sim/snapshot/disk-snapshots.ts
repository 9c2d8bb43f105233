/**
 * Every snapshot of one disk, whatever its kind: the place a platform asks
 * for "a snapshot of kind K now" without knowing the classes. Kinds map to
 * their constructors in one table (the registry of kinds, next to their
 * traits); the per-disk bound of each kind is read from its traits, so the
 * answer past it is a `snapshot-limit` outcome.
 *
 * Options are checked when the disk is registered (build time), so a bad
 * diff area size is a ConfigError before the run, not an error inside it.
 */
import type { VirtualDisk } from '../disk/virtual-disk.js';
import { createArraySnapshot } from './array-snapshot.js';
import { CONSOLIDATION_DEFAULTS, type ConsolidationPolicy } from './consolidation-policy.js';
import { CowSnapshot, resolveDiffAreaBytes } from './cow-snapshot.js';
import { DiskSnapshot, type Clock } from './disk-snapshot.js';
import { unsupported, type SnapshotLimit, type Unsupported } from './outcomes.js';
import { RowChain } from './row-snapshot.js';
import { SNAPSHOT_KINDS, type SnapshotKind } from './snapshot-kinds.js';
import { supportsHardwareSnapshots, type StorageIo } from './storage-io.js';

export interface DiskSnapshotsOptions {
  disk: VirtualDisk;
  /** Where the snapshots' extra I/O lands (the disk's datastore, in chunk-sized I/Os). */
  io: StorageIo;
  clock: Clock;
  /** Copy-on-write diff area (default and minimum 320 MB). */
  diffAreaBytes?: number;
  consolidation?: ConsolidationPolicy;
}

export type TakeSnapshotResult = DiskSnapshot | Unsupported | SnapshotLimit;

type Taker = (owner: DiskSnapshots, id: string) => TakeSnapshotResult;

const TAKERS: Readonly<Record<SnapshotKind, Taker>> = {
  'redirect-on-write': (o, id) => o.chain.create(id),
  'copy-on-write': (o, id) => new CowSnapshot(id, o.disk, o.io, o.clock, { diffAreaBytes: o.diffAreaBytes }),
  array: (o, id) => createArraySnapshot(id, o.disk, o.io, o.clock),
};

export class DiskSnapshots {
  readonly disk: VirtualDisk;
  readonly io: StorageIo;
  readonly clock: Clock;
  readonly diffAreaBytes: number;
  readonly chain: RowChain;
  private live: DiskSnapshot[] = [];

  constructor(options: DiskSnapshotsOptions) {
    this.disk = options.disk;
    this.io = options.io;
    this.clock = options.clock;
    this.diffAreaBytes = resolveDiffAreaBytes(options.disk.name, options.diffAreaBytes !== undefined ? { diffAreaBytes: options.diffAreaBytes } : {});
    this.chain = new RowChain(options.disk, options.io, options.clock, options.consolidation ?? CONSOLIDATION_DEFAULTS);
  }

  /** Why a snapshot of `kind` cannot be taken now, or null when it can. */
  refusal(kind: SnapshotKind): Unsupported | SnapshotLimit | null {
    const traits = SNAPSHOT_KINDS[kind];
    if (traits.needsHardwareSupport && !supportsHardwareSnapshots(this.io.storage)) {
      return unsupported('hardware-snapshot', `${this.io.path} is not on an array that takes hardware snapshots`);
    }
    this.live = this.live.filter((s) => s.active);
    if (this.live.filter((s) => s.kind === kind).length >= traits.maxPerDisk) {
      return { kind: 'snapshot-limit', limit: traits.maxPerDisk, reason: `${this.disk.name} already has ${traits.maxPerDisk} live ${kind} snapshot(s)` };
    }
    return null;
  }

  /** A snapshot of `kind` at the current instant, or why not. */
  take(kind: SnapshotKind, id: string): TakeSnapshotResult {
    const refused = this.refusal(kind);
    if (refused !== null) return refused;
    const taken = TAKERS[kind](this, id);
    if (taken instanceof DiskSnapshot) this.live.push(taken);
    return taken;
  }

  /** Snapshots still active, oldest first. */
  active(): DiskSnapshot[] {
    return this.live.filter((s) => s.active);
  }

  /**
   * True when some snapshot is still active: what `active().length > 0`
   * says, without building the array. Asked for every disk after every
   * write batch, when almost every disk has none. When none is, the list is
   * emptied (a snapshot never becomes active again): otherwise last night's
   * ended snapshot stayed listed until the next one was taken, and every
   * batch of the day read it, one more object long out of cache.
   */
  get anyActive(): boolean {
    const live = this.live;
    for (let i = 0; i < live.length; i++) if (live[i]!.active) return true;
    if (live.length > 0) live.length = 0;
    return false;
  }
}
