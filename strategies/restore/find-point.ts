/**
 * Finding the restore point a drill asks for, in the repositories of the
 * run. Restores never trust a job record's point id (each design spells it
 * its own way); they ask the repositories' catalogs, which know what is
 * still kept after retention, merges and garbage collection.
 *
 * The newest point of the machine at or before the drill's limit wins; on a
 * tie, the first target in estate order (a design writes one target, so
 * ties only happen when two designs share a world, which the runner never
 * does).
 */
import type { RestorePointInfo } from '../../sim/repository/index.js';
import type { ConsistencyLabel } from '../recorder.js';
import { holdsRepository } from '../runner/bind-repositories.js';
import type { TargetRepository } from '../target-repository.js';
import type { RestoreContext } from './context.js';
import { instantText } from '../time-text.js';

export interface FoundPoint {
  repo: TargetRepository;
  point: RestorePointInfo<ConsistencyLabel>;
}

export type PointSearch = { found: true; at: FoundPoint } | { found: false; reason: string };

/** The repositories of the estate's targets, in estate order (tape libraries hold none). */
export function repositoriesOf(ctx: RestoreContext): TargetRepository[] {
  return ctx.world.estate.targets.filter(holdsRepository).map((t) => ctx.repository(t.name));
}

/** The machine's newest kept point with `timeSec <= limitSec`, in any repository. */
export function findPoint(ctx: RestoreContext, machinePath: string, limitSec: number): PointSearch {
  let best: FoundPoint | undefined;
  for (const repo of repositoriesOf(ctx)) {
    const points = repo.repository.points(machinePath);
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i]!;
      if (p.timeSec > limitSec) continue;
      if (best === undefined || p.timeSec > best.point.timeSec) best = { repo, point: p };
      break;
    }
  }
  if (best !== undefined) return { found: true, at: best };
  return { found: false, reason: `no restore point of ${machinePath} at or before ${instantText(limitSec)}` };
}
