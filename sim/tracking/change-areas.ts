/**
 * What a change tracker answers, as a discriminated union (STYLE.md,
 * principle 8), and the interface every tracker implements.
 *
 * A query never fails by exception: when a tracker cannot say what changed
 * (tracking was reset by a hard power-off, the change id is unknown, the
 * platform has no tracking) the answer is `full-required` with the reason,
 * plus the chunks a full read must cover, so the backup can go on and the
 * results can show why it read everything.
 *
 * Chunk lists are ascending Uint32Arrays of chunk indices; `toExtents` turns
 * them into the (offset, length) byte extents VMware's QueryChangedDiskAreas
 * returns.
 */

/** Events that may cost a tracker its memory of what changed. */
export type PowerEvent = 'hard-power-off' | 'power-failure';

export type ResetCause = PowerEvent | 'manual' | 'change-id-space-exhausted';

export type FullReadReason =
  /** Tracking restarted after the asked id was issued (the detail names the cause). */
  | 'tracking-reset'
  /** The id was never issued by this tracker, or is too old to remember. */
  | 'unknown-change-id'
  /** The platform keeps no change tracking (e.g. Hyper-V before 2016 without a retained shadow copy). */
  | 'no-change-tracking'
  /** The shadow copy the id refers to was replaced by a newer one. */
  | 'reference-deleted'
  /** The shadow copy's diff area overflowed, so the shadow copy was dropped. */
  | 'shadow-copy-lost'
  /** A cumulative-incremental platform has no full backup to be cumulative against yet. */
  | 'no-full-backup-yet';

/** Consistency recorded with a Hyper-V RCT reference point. */
export type ReferenceConsistency = 'application' | 'crash';

export type ChangedAreas =
  | {
      kind: 'changed';
      /** The id the caller asked about. */
      asked: string;
      /** The id the answer is relative to (a cumulative tracker answers since the last full). */
      since: string;
      chunks: Uint32Array;
      changedBytes: number;
      /** Hyper-V RCT: the consistency level of the reference point. */
      consistency?: ReferenceConsistency;
    }
  | { kind: 'all-allocated'; chunks: Uint32Array; readBytes: number }
  | { kind: 'full-required'; asked: string; reason: FullReadReason; detail: string; chunks: Uint32Array; readBytes: number };

export interface TrackerCapabilities {
  kind: TrackerKind;
  /** Can answer "what changed since" (false: every backup reads everything). */
  incremental: boolean;
  /** Incrementals are relative to the last full backup, not the previous backup. */
  cumulativeSinceFull: boolean;
  /** Power events that reset tracking, so the next incremental becomes a full read. */
  resetBy: readonly PowerEvent[];
  /**
   * `mark` replaces the only reference the tracker keeps (a retained VSS
   * shadow copy), so "what changed since the last one" must be asked before
   * the mark; the platform does that at the snapshot instant (sim/platform
   * held-changes.ts). Default false.
   */
  markReplacesReference?: boolean;
}

export type TrackerKind = 'vmware-cbt' | 'hyperv-rct' | 'hyperv-full-read' | 'vss-shadow-copy' | 'xen-cbt' | 'xen-cumulative';

export interface MarkOptions {
  /** Hyper-V RCT records it with the reference point (default 'crash'). */
  consistency?: ReferenceConsistency;
  /** Cumulative trackers need to know which backups are fulls (default 'incremental'). */
  backup?: 'full' | 'incremental';
}

/**
 * The narrow protocol the snapshot layer and the platforms use. `mark` is
 * called at the instant a backup snapshot is taken and returns the id the next
 * backup asks about; `queryChangedAreas('*')` lists all allocated chunks.
 * Queries answer up to the moment they are made, so they are exact when made
 * at the snapshot instant and at worst over-report chunks written later.
 */
export interface ChangeTracker {
  readonly capabilities: TrackerCapabilities;
  mark(options?: MarkOptions): string;
  queryChangedAreas(since: string): ChangedAreas;
  /** The platform reports a power event; trackers reset if their capabilities say so. */
  powerEvent(event: PowerEvent): void;
  /** Stops listening to the disk. */
  detach(): void;
  /** Memory held by the tracker's per-chunk state. */
  readonly stateByteLength: number;
}

export interface ByteExtent {
  offsetBytes: number;
  lengthBytes: number;
}

/** Merges ascending chunk indices into byte extents of contiguous runs. */
export function toExtents(chunks: Uint32Array, chunkSizeBytes: number): ByteExtent[] {
  const out: ByteExtent[] = [];
  let k = 0;
  while (k < chunks.length) {
    const start = chunks[k]!;
    let end = start + 1;
    while (k + 1 < chunks.length && chunks[k + 1] === end) {
      end++;
      k++;
    }
    out.push({ offsetBytes: start * chunkSizeBytes, lengthBytes: (end - start) * chunkSizeBytes });
    k++;
  }
  return out;
}
