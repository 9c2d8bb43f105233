/**
 * The end of a job on the repository side: commit the planned point (or
 * abort it when the read failed), charge whatever repository I/O the commit
 * costs beyond writing the new blocks (a reverse incremental's rollbacks),
 * apply retention (merges are I/O too) and collect garbage when no other plan
 * is open (a source-dedupe plan relies on blocks it decided not to send).
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { IngestPlan, RepositoryIo } from '../../sim/repository/index.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { ConsistencyLabel } from '../recorder.js';
import { repoOf, type ProxyJobEnv } from './env.js';
import type { Draft } from './job.js';

export function* finishPoint(env: ProxyJobEnv, m: ProtectedMachine, draft: Draft, plan: IngestPlan<ConsistencyLabel>, readFailure: string | null): ProcessBody<void> {
  const bound = repoOf(env);
  const repo = bound.repository;
  env.openPlans--;
  draft.bytesSent = plan.traffic.bytesSent;
  if (readFailure !== null) {
    repo.abort(plan, 0);
    draft.outcome = { state: 'failed', reason: readFailure };
    return;
  }
  const outcome = repo.commit(plan);
  if (outcome.state === 'committed') {
    draft.restorePointId = `${bound.name}#${outcome.point.id}`;
    draft.pointSec = outcome.point.timeSec;
    draft.bytesLogical = outcome.point.logicalBytes;
    draft.bytesStored = outcome.newPhysicalBytes;
    yield* bound.chargeIo(beyondNewBlocks(outcome.io, outcome.newPhysicalBytes), `${m.path}/commit`);
  } else if (outcome.state === 'out-of-capacity') {
    draft.outcome = { state: 'failed', reason: `${bound.target.path} is full: ${outcome.orphanPhysicalBytes} B stored without a restore point` };
  } else {
    draft.outcome = { state: 'failed', reason: `${outcome.missingBlocks} blocks the backup relied on were garbage-collected before the commit` };
  }
  const retention = repo.applyRetention(m.path, env.options.retention, env.sim.now);
  if (retention.merges > 0) draft.notes.push(`retention: merged ${retention.merges} increment(s) into the full`);
  yield* bound.chargeIo(retention.io, `${m.path}/retention`);
  if (env.openPlans === 0) repo.collectGarbage();
}

/** The commit's I/O minus the writes of the new blocks, which the backup stream already carried to the target. */
function beyondNewBlocks(io: RepositoryIo, newPhysicalBytes: number): RepositoryIo {
  return { ...io, writeBytes: Math.max(0, io.writeBytes - newPhysicalBytes) };
}
