/**
 * A machine as a platform sees it: the guest (its OS, tools, applications and
 * disks), the storage each disk lives on, and the per-disk state the
 * platform keeps for it (its snapshots and change tracking).
 *
 * The storage is passed in as `SnapshotStorage` (an estate `Datastore` or
 * `PhysicalDisk` fits), plus any hops snapshot I/O also crosses (a host's
 * storage link, hypervisor CPU), so the platform layer needs nothing of how
 * the estate is built. Everything is validated when the machine is attached,
 * before the run: bad input is a ConfigError naming the field.
 */
import { ConfigError, requirePositive } from '../engine/errors.js';
import type { Simulation } from '../engine/simulation.js';
import type { Flow, Hop } from '../flow/network.js';
import { requireOneOf } from '../disk/config-checks.js';
import { GIB } from '../disk/units.js';
import type { Guest } from '../guest/guest.js';
import type { ConsolidationPolicy } from '../snapshot/consolidation-policy.js';
import type { Clock } from '../snapshot/disk-snapshot.js';
import { DiskSnapshots } from '../snapshot/disk-snapshots.js';
import { storageIo, type SnapshotStorage, type StorageIo } from '../snapshot/storage-io.js';
import type { ChangeTracker, MarkOptions, TrackerKind } from '../tracking/change-areas.js';
import { createTracker } from '../tracking/trackers.js';
import type { PlatformCapabilities } from './capabilities.js';
import { HeldChanges } from './held-changes.js';

export interface PlatformMachineSpec {
  guest: Guest;
  /** The storage each disk lives on, by disk index. */
  storage: readonly SnapshotStorage[];
  /** Hops snapshot I/O crosses besides the storage itself, by disk index (default none). */
  storageHops?: readonly (readonly Hop[])[];
  /** Guest memory, for memory snapshots (default 4 GiB, illustrative). */
  memoryBytes?: number;
  /** One of the platform's change tracking kinds (default its first). */
  changeTracking?: string;
  /** Copy-on-write diff area per disk (default and minimum 320 MB). */
  diffAreaBytes?: number;
  consolidation?: ConsolidationPolicy;
}

export const MACHINE_DEFAULTS = {
  memoryBytes: 4 * GIB,
} as const;

/** A quiesce in force: the guest's writers are frozen since `startedAtSec`. */
export interface Freeze {
  startedAtSec: number;
  /** Writers thaw themselves after this long (VSS: 60 s); null when nothing in the guest times out. */
  limitSec: number | null;
}

/** What chargeSnapshotIo returns when nothing was charged (shared, never written). */
const NO_FLOWS: readonly Flow[] = [];

export class PlatformVm {
  /** Set while a quiesce holds the guest frozen. */
  freeze: Freeze | null = null;
  /** Per disk: answers held across marks for trackers whose mark replaces their reference (held-changes.ts), else null. */
  readonly heldChanges: readonly (HeldChanges | null)[];
  private sequence = 0;

  constructor(
    readonly guest: Guest,
    readonly disks: readonly DiskSnapshots[],
    readonly ios: readonly StorageIo[],
    /** One per disk; empty when the platform keeps no change tracking. */
    readonly trackers: readonly ChangeTracker[],
    readonly trackerKind: TrackerKind | null,
    readonly memoryBytes: number,
  ) {
    this.heldChanges = trackers.map((t) => (t.capabilities.markReplacesReference === true ? new HeldChanges(t) : null));
  }

  /** Marks every tracker at a snapshot instant, asking first what a replaced reference held; returns the ids issued. */
  markTrackers(options: MarkOptions): (string | null)[] {
    if (this.trackers.length === 0) return this.disks.map(() => null);
    return this.trackers.map((t, i) => {
      const held = this.heldChanges[i] ?? null;
      held?.beforeMark();
      const id = t.mark(options);
      held?.afterMark(id);
      return id;
    });
  }

  /** `vm/<name>`. */
  get path(): string {
    return `vm/${this.guest.name}`;
  }

  /** True while a consolidation holds the VM stunned (a workload driver pauses its writes). */
  get stunned(): boolean {
    return this.disks.some((d) => d.chain.stunned);
  }

  /**
   * Charges the extra I/O the VM's live snapshots accrued (copy-on-write
   * copy-aside) as flows spread over `spreadOverSec`. Whoever applies the
   * guest's write batches calls this after each batch, so the cost competes
   * on the datastore when the guest causes it; anything left is charged when
   * the snapshot is deleted.
   */
  chargeSnapshotIo(sim: Simulation, spreadOverSec: number): readonly Flow[] {
    // Most VMs hold no snapshot at most batches: no arrays are built for them.
    let flows: Flow[] | undefined;
    for (const d of this.disks) {
      if (!d.anyActive) continue;
      flows ??= [];
      for (const s of d.active()) {
        const flow = s.chargePendingIo(sim, spreadOverSec);
        if (flow !== null) flows.push(flow);
      }
    }
    return flows ?? NO_FLOWS;
  }

  /** @internal the next snapshot number of this VM. */
  nextSnapshotNumber(): number {
    return ++this.sequence;
  }
}

/** Validates a machine against a platform and builds its per-disk state. */
export function attachMachine(caps: PlatformCapabilities, clock: Clock, spec: PlatformMachineSpec): PlatformVm {
  const guest = spec.guest;
  const c = `vm/${guest.name}`;
  if (guest.tools !== undefined && guest.tools.platform !== caps.toolsPlatform) {
    const wanted = caps.toolsPlatform === null ? 'none (no hypervisor)' : `tools of ${caps.toolsPlatform}`;
    throw new ConfigError(c, 'tools', guest.tools.description, `be ${wanted} on ${caps.version}`);
  }
  if (!Array.isArray(spec.storage) || spec.storage.length !== guest.disks.length) {
    throw new ConfigError(c, 'storage', spec.storage?.length, `list one storage per disk (${guest.disks.length})`);
  }
  if (spec.storageHops !== undefined && spec.storageHops.length !== guest.disks.length) {
    throw new ConfigError(c, 'storageHops', spec.storageHops.length, `list one route per disk (${guest.disks.length})`);
  }
  const memoryBytes = requirePositive(c, 'memoryBytes', spec.memoryBytes ?? MACHINE_DEFAULTS.memoryBytes);
  const trackerKind = resolveTracking(c, caps, spec.changeTracking);
  const ios = guest.disks.map((disk, i) => storageIo(spec.storage[i]!, disk.chunkSizeBytes, spec.storageHops?.[i] ?? []));
  const disks = guest.disks.map(
    (disk, i) =>
      new DiskSnapshots({
        disk,
        io: ios[i]!,
        clock,
        ...(spec.diffAreaBytes !== undefined ? { diffAreaBytes: spec.diffAreaBytes } : {}),
        ...(spec.consolidation !== undefined ? { consolidation: spec.consolidation } : {}),
      }),
  );
  const trackerOptions = spec.diffAreaBytes !== undefined ? { diffAreaBytes: spec.diffAreaBytes } : {};
  const trackers = trackerKind === null ? [] : guest.disks.map((disk) => createTracker(trackerKind, disk, trackerOptions));
  return new PlatformVm(guest, disks, ios, trackers, trackerKind, memoryBytes);
}

function resolveTracking(c: string, caps: PlatformCapabilities, asked: string | undefined): TrackerKind | null {
  if (asked === undefined) return caps.changeTracking[0] ?? null;
  if (caps.changeTracking.length === 0) throw new ConfigError(c, 'changeTracking', asked, `be omitted: ${caps.version} keeps no change tracking`);
  return requireOneOf(c, 'changeTracking', caps.changeTracking, asked);
}
