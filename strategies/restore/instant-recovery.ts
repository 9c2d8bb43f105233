/**
 * Instant recovery (DOMAIN.md, recovery options: boot a VM directly from the
 * backup without restoring it first; Veeam vPower; claim 8).
 *
 * The point is published as a datastore and the VM boots from it
 * (run-from-backup.ts): service is back once it has booted, while its I/O is
 * served by the repository (slower on a deduplicating appliance, whose
 * random reads rehydrate). Then it moves back to production storage in the
 * background: one flow per disk reads the whole image sequentially from the
 * target and writes it to the machine's datastore, competing with the VM's
 * own I/O on the target. When the move is over the restore is complete.
 * `serviceSec` against `completeSec` is the claim: service returns far
 * sooner than a full restore would bring it back.
 *
 * A drill is not a disaster: the original VM keeps running in the simulated
 * world, so its production workload goes on beside the recovered copy, and
 * the copy's move lands beside it on the datastore, never over its disks.
 */
import { joinHops } from '../../sim/estate/hops.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { checkRestored } from './content-check.js';
import type { ResolvedDrill } from './drill.js';
import { fileReport, newDraft, type DrillEnv } from './env.js';
import { locatePoint } from './locate.js';
import { diskName } from './point-images.js';
import { productionWriteRoute } from './production-route.js';
import { scaleHops, sequentialReadFactor, shapeOf } from './read-route.js';
import { outcomeOf, type RestoreReport } from './report.js';
import { backupReadRoute, publishAndBoot, readIoSizeOf, runFigures, startBackupIo } from './run-from-backup.js';

export function* instantRecovery(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine): ProcessBody<RestoreReport> {
  const draft = newDraft(env, drill, m.path);
  const disks = m.guest.disks.map((_, i) => i);
  const where = locatePoint(env, drill, m, draft, disks);
  if (!where.ok) return fileReport(env, draft.finish({ state: 'failed', reason: where.reason }));
  const at = where.at;
  const readRoute = backupReadRoute(env.ctx.world, m, at, readIoSizeOf(m));
  const boot = yield* publishAndBoot(m, at, draft, readRoute);
  if (!boot.ok) return fileReport(env, draft.finish({ state: 'unsupported', reason: boot.reason }));
  draft.serviceSec = env.sim.now;
  const io = startBackupIo(m, at, draft, readRoute);
  const moves = disks.map((d) => {
    const locality = at.repo.repository.readLocality(at.point.id, diskName(d));
    const shape = locality === undefined ? { logicalBytes: 0, physicalBytes: 0, blocks: 0, runs: 0 } : shapeOf(locality);
    draft.bytesRead += shape.physicalBytes;
    draft.bytesWritten += shape.logicalBytes;
    const route = joinHops(scaleHops(at.repo.readHops(), sequentialReadFactor(shape)), productionWriteRoute(env.ctx.world, m, d, at.repo.target.attachment));
    return draft.transfer(`migrate/${diskName(d)}`, shape.logicalBytes, route);
  });
  yield env.sim.allOf(moves);
  const served = io?.stop(env.sim.now, draft) ?? null;
  draft.running = runFigures(boot, served, env.sim.now - boot.bootedSec);
  draft.notes.push(`ran from the backup for ${(env.sim.now - boot.bootedSec).toFixed(1)} s while it moved back to production storage`);
  draft.content = checkRestored(env.ctx, m, at.point.timeSec, at.images.images, { kind: 'disks', disks });
  return fileReport(env, draft.finish(outcomeOf(draft.content, 'migrated VM')));
}
