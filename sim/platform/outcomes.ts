/**
 * Everything a platform cannot do comes back as one of these values, never
 * as a silent success and never as an exception from inside a run (DESIGN.md
 * decision 8, STYLE.md principle 5). Each names what happened and why, for
 * the results and the report.
 */
import type { FullReadReason } from '../tracking/change-areas.js';
import type { TransportName } from './transports.js';

export type { Unsupported, SnapshotLimit } from '../snapshot/outcomes.js';
export { unsupported } from '../snapshot/outcomes.js';

/** The image will not be application-consistent (no tools, tools that cannot reach the applications, a timed-out freeze). */
export interface CrashConsistentOnly {
  kind: 'crash-consistent-only';
  reason: string;
}

/** An incremental was asked for and a full read is what the platform can give. */
export interface FullInsteadOfIncremental {
  kind: 'full-instead-of-incremental';
  /** The id the incremental was asked against. */
  asked: string;
  reason: FullReadReason;
  detail: string;
  /** Every allocated chunk: what the full read must cover. */
  chunks: Uint32Array;
  readBytes: number;
}

/** The snapshot was dropped (a copy-on-write diff area overflowed) before it could be read. */
export interface SnapshotLost {
  kind: 'snapshot-lost';
  snapshot: string;
  lostAtSec: number;
  reason: string;
}

/** The platform has the transport, but this proxy cannot use it for this disk (not zoned, not on a host that sees it). */
export interface TransportUnavailable {
  kind: 'transport-unavailable';
  transport: TransportName;
  reason: string;
}

/** VCB: the proxy's holding area cannot take a full copy of the snapshot. */
export interface HoldingAreaTooSmall {
  kind: 'holding-area-too-small';
  neededBytes: number;
  freeBytes: number;
  reason: string;
}
