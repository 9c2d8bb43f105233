/**
 * Is a restore point usable by its applications? (DESIGN.md decision 7:
 * consistency is modelled, not labelled; verification and restores observe
 * the difference.)
 *
 * With the guest's capture of the point's instant (context.ts `captures`),
 * the point's reconstructed images are judged by the guest itself
 * (`Guest.classify`): an application missing committed work without a
 * journal is damaged; one with a log replays it, which takes time. Without
 * a capture, the label the backup job gave the point, from the same
 * classification at backup time, stands in; a crash-consistent label then
 * costs the applications' recovery start-up, the part of the replay that
 * does not depend on how much is missing.
 */
import type { ChunkImage } from '../../sim/disk/chunk-image.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { ConsistencyLabel } from '../recorder.js';
import type { RestoreContext } from './context.js';

export interface PointVerdict {
  kind: 'application-consistent' | 'crash-consistent-recoverable' | 'damaged' | 'unknown';
  /** Crash recovery the applications need before they serve, seconds. */
  replaySec: number;
  /** What the verdict rests on. */
  basis: 'guest-classify' | 'point-label';
  /** For a damaged point: which application and why. */
  reason: string | null;
}

export function judgePoint(ctx: RestoreContext, m: ProtectedMachine, point: { timeSec: number; consistency: ConsistencyLabel }, images: readonly (ChunkImage | undefined)[]): PointVerdict {
  const capture = ctx.captures?.captureAt(m.path, point.timeSec);
  const complete = images.every((im) => im !== undefined);
  if (capture === undefined || !complete) return fromLabel(m, point.consistency);
  const verdict = m.guest.classify(images as readonly ChunkImage[], capture);
  const damaged = verdict.apps.find((a) => a.kind === 'damaged');
  let replaySec = 0;
  for (const a of verdict.apps) if (a.kind === 'crash-consistent-recoverable') replaySec = Math.max(replaySec, a.replaySeconds);
  return {
    kind: verdict.overall,
    replaySec,
    basis: 'guest-classify',
    reason: damaged === undefined ? null : `${damaged.app} misses ${damaged.missingWrites} committed write(s) and has no journal to replay them`,
  };
}

function fromLabel(m: ProtectedMachine, label: ConsistencyLabel): PointVerdict {
  const startupSec = Math.max(0, ...m.guest.apps.map((a) => a.spec.recoveryStartupSec));
  const base = { basis: 'point-label' as const, replaySec: 0, reason: null };
  if (label === 'application-consistent') return { ...base, kind: 'application-consistent' };
  if (label === 'crash-consistent') return { ...base, kind: 'crash-consistent-recoverable', replaySec: startupSec };
  if (label === 'damaged') return { ...base, kind: 'damaged', reason: 'the backup classified the point as damaged (an application without a journal missed committed work)' };
  return { ...base, kind: 'unknown' };
}
