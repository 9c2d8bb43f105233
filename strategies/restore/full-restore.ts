/**
 * Full VM and single-disk restores from a repository (DESIGN.md decision
 * 11). Each disk is one flow, all disks at once: the point's stored blocks
 * are read from the target (its read hops, scaled by the point's read
 * locality: fragmentation slows it, read-route.ts), cross the network to the
 * machine's box and are written to its production storage
 * (production-route.ts). Zero blocks are neither read nor written (a thin
 * restore). When the flows end, the restored images are checked against
 * the protected data (content-check.ts). A design that keeps a journal of
 * the machine (CDP) restores from the journal instead (journal-locate.ts).
 */
import { fail } from '../../sim/engine/errors.js';
import { joinHops } from '../../sim/estate/hops.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Flow } from '../../sim/flow/network.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { checkRestored } from './content-check.js';
import type { ResolvedDrill } from './drill.js';
import { fileReport, newDraft, type DrillEnv } from './env.js';
import { locateInJournal } from './journal-locate.js';
import { locatePoint, type Located } from './locate.js';
import { restoreJournalDisks } from './point-in-time.js';
import { diskName } from './point-images.js';
import { productionWriteRoute } from './production-route.js';
import { scaleHops, sequentialReadFactor, shapeOf } from './read-route.js';
import { outcomeOf, type RestoreDraft, type RestoreReport } from './report.js';

/** Restores `disks` of `m` ('vm': every disk; 'disk': one). */
export function* restoreDisks(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine, disks: readonly number[]): ProcessBody<RestoreReport> {
  const draft = newDraft(env, drill, m.path);
  const journal = locateInJournal(env, drill, m, draft);
  if (journal !== undefined) {
    if (!journal.ok) return fileReport(env, draft.finish({ state: 'failed', reason: journal.reason }));
    return yield* restoreJournalDisks(env, m, journal.at, disks, draft, 'restored data');
  }
  const where = locatePoint(env, drill, m, draft, disks);
  if (!where.ok) return fileReport(env, draft.finish({ state: 'failed', reason: where.reason }));
  const flows = disks.map((d) => diskFlow(env, m, where.at, d, draft));
  yield env.sim.allOf(flows);
  draft.content = checkRestored(env.ctx, m, where.at.point.timeSec, where.at.images.images, { kind: 'disks', disks });
  return fileReport(env, draft.finish(outcomeOf(draft.content, 'restored data')));
}

/** One disk's restore flow: sized in bytes written, each costing the target its share of reads and seeks. */
function diskFlow(env: DrillEnv, m: ProtectedMachine, at: Located, diskIndex: number, draft: RestoreDraft): Flow {
  const locality = at.repo.repository.readLocality(at.point.id, diskName(diskIndex));
  if (locality === undefined) fail(`point ${at.point.id} vanished between two reads at one instant`);
  const shape = shapeOf(locality);
  const route = joinHops(scaleHops(at.repo.readHops(), sequentialReadFactor(shape)), productionWriteRoute(env.ctx.world, m, diskIndex, at.repo.target.attachment));
  draft.bytesRead += shape.physicalBytes;
  draft.bytesWritten += shape.logicalBytes;
  return draft.transfer(diskName(diskIndex), shape.logicalBytes, route);
}
