/**
 * A virtual-lab drill: the drill's machine and its `labMachines` are each
 * started from a restore point in a fresh lab (lab.ts), at once, beside
 * production. Each member is published and booted from the repository and
 * runs its workload from it (run-from-backup.ts); once all are up, a
 * production client reaches each through the NAT proxy; the lab then runs
 * for `labRunSec` and is switched off. Nothing is written to production.
 *
 * Every member gets its own RestoreRecord (kind 'virtual-lab'): service is
 * when it had booted, completion when the lab closed; it is verified when
 * the images it ran from read back whole.
 */
import type { Process, ProcessBody, ProcessOutcome } from '../../sim/engine/process.js';
import type { Hop } from '../../sim/flow/network.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { checkRestored } from './content-check.js';
import type { ResolvedDrill } from './drill.js';
import { fileReport, lookUpMachine, newDraft, type DrillEnv } from './env.js';
import { LAB_DEFAULTS, VirtualLab } from './lab.js';
import { locatePoint, type Located } from './locate.js';
import { outcomeOf, type RestoreDraft } from './report.js';
import { backupReadRoute, publishAndBoot, readIoSizeOf, runFigures, startBackupIo, type Boot, type BackupIo } from './run-from-backup.js';

interface Member {
  m: ProtectedMachine;
  draft: RestoreDraft;
  at: Located | null;
  route: Hop[];
  boot: Boot | null;
  io: BackupIo | null;
}

export function* virtualLab(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine): ProcessBody<void> {
  const lab = new VirtualLab(env.sim, `lab/${env.design.name}/${env.labs++}`);
  const members = [m, ...drill.labMachines.map((name) => lookUpMachine(env, name)!)].map((x) => locateMember(env, drill, x));
  const boots: Process<Boot>[] = [];
  for (const mb of members) {
    if (mb.at !== null) boots.push(env.sim.process(`${lab.path}/boot/${mb.m.path}`, publishAndBoot(mb.m, mb.at, mb.draft, mb.route)));
  }
  const outcomes = boots.length > 0 ? ((yield env.sim.allOf(boots)) as ProcessOutcome<Boot>[]) : [];
  let k = 0;
  for (const mb of members) {
    if (mb.at === null) continue;
    const o = outcomes[k++]!;
    mb.boot = o.state === 'done' ? o.value : { ok: false, reason: 'boot interrupted' };
  }
  const up = members.filter((mb) => mb.boot?.ok === true);
  for (const mb of up) {
    mb.draft.serviceSec = env.sim.now;
    mb.io = startBackupIo(mb.m, mb.at!, mb.draft, mb.route);
  }
  if (up.length > 0) yield env.sim.allOf(up.map((mb) => mb.draft.transfer('nat-probe', LAB_DEFAULTS.probeBytes, lab.natHops())));
  yield drill.labRunSec;
  for (const mb of members) closeMember(env, mb, lab);
}

function locateMember(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine): Member {
  const draft = newDraft(env, drill, m.path, 'virtual-lab');
  const where = locatePoint(env, drill, m, draft, m.guest.disks.map((_, i) => i));
  if (!where.ok) {
    draft.notes.push(where.reason);
    return { m, draft, at: null, route: [], boot: { ok: false, reason: where.reason }, io: null };
  }
  return { m, draft, at: where.at, route: backupReadRoute(env.ctx.world, m, where.at, readIoSizeOf(m)), boot: null, io: null };
}

function closeMember(env: DrillEnv, mb: Member, lab: VirtualLab): void {
  const boot = mb.boot;
  if (mb.at === null || boot === null || !boot.ok) {
    const reason = boot !== null && !boot.ok ? boot.reason : 'not started';
    fileReport(env, mb.draft.finish(mb.at === null ? { state: 'failed', reason } : { state: 'unsupported', reason }));
    return;
  }
  const served = mb.io?.stop(env.sim.now, mb.draft) ?? null;
  mb.draft.running = runFigures(boot, served, env.sim.now - boot.bootedSec);
  mb.draft.notes.push(`ran in ${lab.path}, reachable from production through its NAT proxy`);
  const disks = mb.m.guest.disks.map((_, i) => i);
  mb.draft.content = checkRestored(env.ctx, mb.m, mb.at.point.timeSec, mb.at.images.images, { kind: 'disks', disks });
  fileReport(env, mb.draft.finish(outcomeOf(mb.draft.content, 'lab copy')));
}
