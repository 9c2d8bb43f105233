/**
 * The first step of every restore from a repository: find the point the
 * drill asks for and read its images back. Either step can come up empty in
 * a run (no backup yet, the point expired, a disk the point does not hold);
 * that is a failed restore with its reason, never an exception.
 */
import type { RestorePointInfo } from '../../sim/repository/index.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { ConsistencyLabel } from '../recorder.js';
import type { TargetRepository } from '../target-repository.js';
import { pointLimitSec, type ResolvedDrill } from './drill.js';
import type { DrillEnv } from './env.js';
import { findPoint } from './find-point.js';
import { readPointImages, type PointImages } from './point-images.js';
import type { RestoreDraft } from './report.js';

export interface Located {
  repo: TargetRepository;
  point: RestorePointInfo<ConsistencyLabel>;
  images: PointImages;
}

export type Location = { ok: true; at: Located } | { ok: false; reason: string };

/** Finds and reads the drill's point for `m`, noting the source on the draft; `disks` must all be in the point. */
export function locatePoint(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine, draft: RestoreDraft, disks: readonly number[]): Location {
  const search = findPoint(env.ctx, m.path, pointLimitSec(drill.point, env.sim.now));
  if (!search.found) return { ok: false, reason: search.reason };
  const { repo, point } = search.at;
  draft.source = repo.name;
  draft.pointId = point.id;
  draft.pointSec = point.timeSec;
  const images = readPointImages(repo, point, m.guest.disks.length);
  if (images === undefined) return { ok: false, reason: `restore point ${point.id} of ${m.path} left the catalog` };
  const missing = disks.filter((d) => images.images[d] === undefined);
  if (missing.length > 0) return { ok: false, reason: `restore point ${point.id} of ${m.path} holds no image of disk ${missing.join(', ')}` };
  if (images.unreadableChunks > 0) draft.notes.push(`${images.unreadableChunks} chunk(s) of the point read back unreadable (corrupt stored block)`);
  return { ok: true, at: { repo, point, images } };
}
