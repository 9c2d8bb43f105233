/**
 * Automated backup verification, SureBackup-like (DOMAIN.md: boot the VM
 * read-only from the backup in an isolated lab behind a NAT proxy, wait
 * 120 s by default, then heartbeat, ping and application tests, one VM at a
 * time; claim 9: verification finds unrecoverable backups without a
 * restore).
 *
 * Steps, one VM at a time (the drills' verification slot):
 * 1. publish the point and boot from it (run-from-backup.ts), in the
 *    verification lab: nothing is copied to production;
 * 2. wait `bootWaitSec`;
 * 3. heartbeat: the guest tools answer (a guest without tools cannot, and
 *    the test is skipped, as SureBackup does);
 * 4. ping: a probe through the lab's NAT proxy;
 * 5. application test: the applications open their data at this point
 *    (point-verdict.ts): a damaged point fails; a crash-consistent one
 *    replays its log first;
 * 6. backup file validation (`validateIntegrity`, default on): every stored
 *    block of the point is read back; a corrupt block fails it.
 * Every failed test is in the reason; the outcome is 'done' and verified
 * when all pass.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { ResolvedDrill } from './drill.js';
import { fileReport, newDraft, type DrillEnv } from './env.js';
import { LAB_DEFAULTS, VirtualLab } from './lab.js';
import { locatePoint, type Located } from './locate.js';
import { judgePoint } from './point-verdict.js';
import { scaleHops, sequentialReadFactor } from './read-route.js';
import type { RestoreDraft, RestoreReport } from './report.js';
import { backupReadRoute, pointShape, publishAndBoot, readIoSizeOf, runFigures } from './run-from-backup.js';

export function* verify(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine): ProcessBody<RestoreReport> {
  // The record's request time is the drill's, however long it queues behind other verifications.
  const draft = newDraft(env, drill, m.path);
  const request = env.verificationSlots.acquire();
  try {
    yield request;
    if (env.sim.now > draft.requestedSec) draft.notes.push(`queued ${(env.sim.now - draft.requestedSec).toFixed(1)} s behind other verifications (one VM at a time)`);
    return yield* verifyHeld(env, drill, m, draft);
  } finally {
    env.verificationSlots.release(request);
  }
}

function* verifyHeld(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine, draft: RestoreDraft): ProcessBody<RestoreReport> {
  const where = locatePoint(env, drill, m, draft, m.guest.disks.map((_, i) => i));
  if (!where.ok) return fileReport(env, draft.finish({ state: 'failed', reason: where.reason }));
  const at = where.at;
  const lab = verificationLab(env);
  const boot = yield* publishAndBoot(m, at, draft, backupReadRoute(env.ctx.world, m, at, readIoSizeOf(m)));
  if (!boot.ok) return fileReport(env, draft.finish({ state: 'unsupported', reason: boot.reason }));
  yield drill.bootWaitSec;
  const failures: string[] = [];
  if (m.guest.tools === undefined) draft.notes.push('heartbeat test skipped: no guest tools in the VM');
  else draft.notes.push('heartbeat: the guest tools answered');
  yield draft.transfer('ping', LAB_DEFAULTS.probeBytes, lab.natHops());
  failures.push(...(yield* applicationTest(env, m, at, draft)));
  if (drill.validateIntegrity) failures.push(...(yield* validateBackupFile(at, draft)));
  draft.running = runFigures(boot, null, env.sim.now - boot.bootedSec);
  draft.serviceSec = boot.bootedSec;
  const outcome = failures.length === 0 ? ({ state: 'done', verified: true } as const) : ({ state: 'failed', reason: `verification failed: ${failures.join('; ')}` } as const);
  return fileReport(env, draft.finish(outcome));
}

/** The lab SureBackup verifies in: one per set of drills, made on first use. */
function verificationLab(env: DrillEnv): VirtualLab {
  env.verificationLab ??= new VirtualLab(env.sim, `lab/${env.design.name}/verification`);
  return env.verificationLab;
}

function* applicationTest(env: DrillEnv, m: ProtectedMachine, at: Located, draft: RestoreDraft): ProcessBody<string[]> {
  const verdict = judgePoint(env.ctx, m, at.point, at.images.images);
  draft.notes.push(`application test: point judged ${verdict.kind} (${verdict.basis})`);
  if (verdict.kind === 'damaged') return [`application test: ${verdict.reason ?? 'application data damaged'}`];
  if (verdict.replaySec > 0) {
    draft.notes.push(`applications recovered from their logs in ${verdict.replaySec.toFixed(1)} s`);
    yield verdict.replaySec;
  }
  return [];
}

/** Reads every stored block of the point from the target; unreadable chunks fail the test. */
function* validateBackupFile(at: Located, draft: RestoreDraft): ProcessBody<string[]> {
  const shape = pointShape(at);
  const perStoredByte = shape.physicalBytes > 0 ? (sequentialReadFactor(shape) * shape.logicalBytes) / shape.physicalBytes : 1;
  draft.bytesRead += shape.physicalBytes;
  yield draft.transfer('validate', shape.physicalBytes, scaleHops(at.repo.readHops(), perStoredByte));
  const bad = at.images.unreadableChunks;
  return bad === 0 ? [] : [`backup file validation: ${bad} chunk(s) unreadable (corrupt stored block)`];
}
