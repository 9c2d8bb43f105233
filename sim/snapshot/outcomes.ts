/**
 * What the snapshot layer answers when it cannot do what was asked, as data
 * (STYLE.md, principle 5): a simulated limit is an outcome the results show,
 * never an exception from inside a run. The platform layer returns the same
 * shapes, so a strategy handles one union.
 */

/** The storage, guest or platform lacks a capability (an array without hardware snapshots, a Linux guest asked for a memory snapshot). */
export interface Unsupported {
  kind: 'unsupported';
  /** A stable name, e.g. `hardware-snapshot`, `memory-snapshot`, `transport:san`. */
  capability: string;
  /** Why, phrased for a person reading the results. */
  reason: string;
}

/** A bound on snapshots per disk was reached (VMware's 32 per chain). */
export interface SnapshotLimit {
  kind: 'snapshot-limit';
  limit: number;
  reason: string;
}

export function unsupported(capability: string, reason: string): Unsupported {
  return { kind: 'unsupported', capability, reason };
}
