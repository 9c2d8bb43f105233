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
import { fail } from '../../sim/engine/errors.js';
import { joinHops } from '../../sim/estate/hops.js';
import type { BackupTarget } from '../../sim/estate/targets.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { holdsRepository } from '../runner/bind-repositories.js';
import { checkRestored } from './content-check.js';
import type { ResolvedDrill } from './drill.js';
import { fileReport, newDraft, type DrillEnv } from './env.js';
import { nonZeroBytes } from './point-images.js';
import { productionWriteRoute } from './production-route.js';
import { outcomeOf, type RestoreReport } from './report.js';

export function* pointInTime(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine): ProcessBody<RestoreReport> {
  const draft = newDraft(env, drill, m.path);
  const source = env.journals?.journalOf(m.path);
  if (source === undefined) return fileReport(env, draft.finish({ state: 'unsupported', reason: `${env.design.name} keeps no journal of ${m.path}` }));
  const t = drill.point === 'latest' ? env.sim.now : drill.point.atOrBeforeSec;
  const p = source.journal.imageAt(t, env.sim.now);
  if (p.kind === 'outside-window') {
    const w = p.window === null ? 'no window yet (initial sync not on the target)' : `window [${p.window.fromSec}, ${p.window.toSec}] s`;
    return fileReport(env, draft.finish({ state: 'failed', reason: `${t} s is outside the journal of ${m.path}: ${w}` }));
  }
  draft.pointSec = p.pointSec;
  const target = journalTarget(env, source.targetName);
  draft.source = target.name;
  const flows = p.images.map((image, d) => {
    const bytes = nonZeroBytes(image);
    draft.bytesRead += bytes;
    draft.bytesWritten += bytes;
    return draft.transfer(`pit/disk/${d}`, bytes, joinHops(target.readHops(), productionWriteRoute(env.ctx.world, m, d, target.attachment)));
  });
  yield env.sim.allOf(flows);
  draft.content = checkRestored(env.ctx, m, p.pointSec, p.images, { kind: 'disks', disks: p.images.map((_, i) => i) });
  return fileReport(env, draft.finish(outcomeOf(draft.content, 'point-in-time data')));
}

/** The journal's target: the one the design names, else the estate's first target that holds a repository. */
function journalTarget(env: DrillEnv, name: string | undefined): BackupTarget {
  if (name !== undefined) return env.ctx.world.estate.target(name);
  const first = env.ctx.world.estate.targets.find(holdsRepository);
  if (first === undefined) fail('a journal exists but the estate has no target to hold it');
  return first;
}
