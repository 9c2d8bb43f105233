/**
 * Any-point-in-time restore from a CDP journal (DOMAIN.md family 2 and
 * claim 3). The journal rebuilds every disk's content at the instant asked
 * (journal-source.ts); the restore writes each disk's non-zero chunks to
 * production, read from the target the journal lives on (its read hops:
 * the replica and the journal hold chunks uncompressed and in order, so the
 * read is sequential), and checks them against the protected data at that
 * instant. A time outside the journal's window is a failed restore, with the
 * window in the reason.
 */
import { joinHops } from '../../sim/estate/hops.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { checkRestored } from './content-check.js';
import type { ResolvedDrill } from './drill.js';
import { fileReport, newDraft, type DrillEnv } from './env.js';
import { nonZeroBytes } from './point-images.js';
import { productionWriteRoute } from './production-route.js';
import { outcomeOf, type RestoreDraft, type RestoreReport } from './report.js';
import { locateInJournal, type JournalImages } from './journal-locate.js';

export function* pointInTime(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine): ProcessBody<RestoreReport> {
  const draft = newDraft(env, drill, m.path);
  const where = locateInJournal(env, drill, m, draft);
  if (where === undefined) return fileReport(env, draft.finish({ state: 'unsupported', reason: `${env.design.name} keeps no journal of ${m.path}` }));
  if (!where.ok) return fileReport(env, draft.finish({ state: 'failed', reason: where.reason }));
  return yield* restoreJournalDisks(env, m, where.at, where.at.images.map((_, i) => i), draft, 'point-in-time data');
}

/**
 * Restores `disks` from the journal's images: each disk's non-zero chunks,
 * read from the journal's target and written to production, all disks at
 * once, then checked against the protected data at the images' instant.
 */
export function* restoreJournalDisks(env: DrillEnv, m: ProtectedMachine, at: JournalImages, disks: readonly number[], draft: RestoreDraft, what: string): ProcessBody<RestoreReport> {
  const flows = disks.map((d) => {
    const bytes = nonZeroBytes(at.images[d]!);
    draft.bytesRead += bytes;
    draft.bytesWritten += bytes;
    return draft.transfer(`pit/disk/${d}`, bytes, joinHops(at.target.readHops(), productionWriteRoute(env.ctx.world, m, d, at.target.attachment)));
  });
  yield env.sim.allOf(flows);
  draft.content = checkRestored(env.ctx, m, at.pointSec, at.images, { kind: 'disks', disks });
  return fileReport(env, draft.finish(outcomeOf(draft.content, what)));
}
