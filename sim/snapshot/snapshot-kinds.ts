/**
 * The three kinds of disk snapshot and what each costs, as data (STYLE.md,
 * principle 10): snapshot classes and platforms read these traits and never
 * switch on a kind's name.
 *
 * I/O per guest write (DOMAIN.md, "copy-on-write vs redirect-on-write",
 * storage vendor literature): a copy-on-write snapshot (the VSS software
 * provider) costs 3 I/O on the first overwrite of a block after the snapshot
 * (read the old block, write it to the diff area, write the new block) and 1
 * afterwards; a redirect-on-write delta (VMware) costs 1, the write simply
 * lands in the delta. An array snapshot costs the host nothing per write: the
 * array redirects in its own metadata (DOMAIN.md: hardware snapshots beat
 * software ones in performance and scale).
 *
 * Fixed control times (create, delete) are illustrative round figures, not
 * from a source: seconds for a hypervisor snapshot, about a second for an
 * array's metadata operation. Only their order matters for the claims.
 */
export type SnapshotKind = 'redirect-on-write' | 'copy-on-write' | 'array';

export const SNAPSHOT_KIND_NAMES: readonly SnapshotKind[] = ['redirect-on-write', 'copy-on-write', 'array'];

export interface SnapshotKindTraits {
  /** I/O operations of a guest write that is the first to its chunk since the snapshot, the guest's own write included. */
  ioPerFirstWrite: number;
  /** I/O operations of any later write to the same chunk. */
  ioPerLaterWrite: number;
  /** Control time to take the snapshot, seconds. */
  createSec: number;
  /** Fixed control time to delete it, seconds (a merge, where there is one, comes on top). */
  deleteSec: number;
  /** Deleting merges a delta back into its parent: I/O and, for the running delta, a stun. */
  mergesOnDelete: boolean;
  /** Only storage whose array takes hardware snapshots can have one. */
  needsHardwareSupport: boolean;
  /** Preserved data lives in a bounded area that can overflow, losing the snapshot. */
  canOverflow: boolean;
  /** Snapshots of one disk that may exist at once (a named bound, STYLE.md principle 6). */
  maxPerDisk: number;
  description: string;
}

/** VMware: at most 32 snapshots per chain (DOMAIN.md, VMware snapshots). */
export const MAX_ROW_CHAIN_LENGTH = 32;
/** VMware's advice: keep a snapshot no longer than 72 h (DOMAIN.md); older ones are flagged in the accounting. */
export const RECOMMENDED_MAX_SNAPSHOT_AGE_SEC = 72 * 3600;
/** Array snapshot control operations: near zero (illustrative). */
export const ARRAY_SNAPSHOT_CREATE_SEC = 1;
export const ARRAY_SNAPSHOT_DELETE_SEC = 1;
/** Array snapshots kept per disk (illustrative: arrays of the period allowed a few hundred per volume). */
export const MAX_ARRAY_SNAPSHOTS_PER_DISK = 255;

export const SNAPSHOT_KINDS: Readonly<Record<SnapshotKind, SnapshotKindTraits>> = {
  'redirect-on-write': {
    ioPerFirstWrite: 1,
    ioPerLaterWrite: 1,
    createSec: 2,
    deleteSec: 0,
    mergesOnDelete: true,
    needsHardwareSupport: false,
    canOverflow: false,
    maxPerDisk: MAX_ROW_CHAIN_LENGTH,
    description: 'Redirect-on-write delta disk (VMware VMDK delta, Hyper-V AVHDX, XenServer VHD): writes go to a growing delta, merged on delete',
  },
  'copy-on-write': {
    ioPerFirstWrite: 3,
    ioPerLaterWrite: 1,
    createSec: 1,
    deleteSec: 0.5,
    mergesOnDelete: false,
    needsHardwareSupport: false,
    canOverflow: true,
    // With several shadow copies Windows copies an old block only into the
    // newest one's diff area; one live copy per disk keeps the charge exact.
    maxPerDisk: 1,
    description: 'Copy-on-write shadow copy (VSS software provider): the old block is copied to the diff area before its first overwrite',
  },
  array: {
    ioPerFirstWrite: 1,
    ioPerLaterWrite: 1,
    createSec: ARRAY_SNAPSHOT_CREATE_SEC,
    deleteSec: ARRAY_SNAPSHOT_DELETE_SEC,
    mergesOnDelete: false,
    needsHardwareSupport: true,
    canOverflow: false,
    maxPerDisk: MAX_ARRAY_SNAPSHOTS_PER_DISK,
    description: 'Hardware (array) snapshot: metadata only, on arrays that support it',
  },
};

/** Extra I/O operations the snapshot adds to a first write (beyond the guest's own one). */
export function extraIoPerFirstWrite(kind: SnapshotKind): number {
  const t = SNAPSHOT_KINDS[kind];
  return t.ioPerFirstWrite - t.ioPerLaterWrite;
}
