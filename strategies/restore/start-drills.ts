/**
 * Starting a run's restore drills: each drill is a process that sleeps until
 * its time, then restores what it asks (or records why it cannot), and
 * appends a RestoreRecord to the run's recorder.
 *
 *     const drills = startRestoreDrills(ctx, design, [{ kind: 'instant-recovery', machine: 'sql-01', atSec: 2 * 86400 }]);
 *     sim.run({ untilSec });
 *     drills.reports;   // one RestoreReport per restore (a lab reports each of its machines)
 *
 * Malformed drills are ConfigErrors now, before the run; impossible ones
 * (validate.ts) are recorded as 'unsupported' at their time. Which restore
 * runs is looked up by the drill's kind in one table; nothing switches on a
 * concrete design or platform.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { BackupDesign, DesignPlan, RestoreKind } from '../protocol.js';
import type { RestoreContext } from './context.js';
import { resolveDrill, type ResolvedDrill, type RestoreDrill } from './drill.js';
import { fileReport, lookUpMachine, newDraft, type DrillEnv } from './env.js';
import { restoreApplicationItem, restoreFile } from './file-restore.js';
import { restoreDisks } from './full-restore.js';
import { instantRecovery } from './instant-recovery.js';
import { capturesFor } from './job-captures.js';
import { journalSourceOf } from './journal-source.js';
import { virtualLab } from './lab-run.js';
import { pointInTime } from './point-in-time.js';
import type { RestoreReport } from './report.js';
import { TapeCatalog } from './tape-catalog.js';
import { restoreFromTape } from './tape-restore.js';
import { validateDrills, type DrillCheck } from './validate.js';
import { verify } from './verification.js';

export interface StartDrillsOptions {
  /** The design's plan, if the caller has it (saves planning again). */
  plan?: DesignPlan;
  /** Tape copies the drills may restore from (`startTapeCopies(...).catalog`). */
  tape?: TapeCatalog;
}

export interface RestoreDrills {
  /** One per restore, in the order they finished. */
  readonly reports: readonly RestoreReport[];
  /** What validation said of each drill, in drill order. */
  readonly checks: readonly DrillCheck[];
}

type RunRestore = (env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine) => ProcessBody<unknown>;

const allDisks = (m: ProtectedMachine): number[] => m.guest.disks.map((_, i) => i);

/** The restore each kind runs. */
const RESTORES: Readonly<Record<RestoreKind, RunRestore>> = {
  vm: (env, d, m) => (d.from === 'tape' ? restoreFromTape(env, d, m, allDisks(m)) : restoreDisks(env, d, m, allDisks(m))),
  disk: (env, d, m) => (d.from === 'tape' ? restoreFromTape(env, d, m, [d.disk]) : restoreDisks(env, d, m, [d.disk])),
  file: restoreFile,
  'application-item': restoreApplicationItem,
  'instant-recovery': instantRecovery,
  'virtual-lab': virtualLab,
  verification: verify,
  'point-in-time': pointInTime,
};

export function startRestoreDrills(ctx: RestoreContext, design: BackupDesign, drills: readonly RestoreDrill[], options: StartDrillsOptions = {}): RestoreDrills {
  const journals = ctx.journals ?? journalSourceOf(design);
  const plan = options.plan ?? design.plan(ctx.world);
  // A design whose points live on tape only is restored from tape, whatever the drill says.
  const resolved = drills.map((d, i) => resolveDrill(d, i)).map((d) => (plan.pointsOn === 'tape' ? { ...d, from: 'tape' as const } : d));
  const checks = validateDrills(ctx.world, design, drills, { plan, journals });
  const sim = ctx.world.sim;
  const env: DrillEnv = {
    sim,
    ctx: { ...ctx, captures: capturesFor(ctx.captures, design, ctx.recorder) },
    design,
    reports: [],
    verificationSlots: sim.slots(`restore/${design.name}/verification`, 1),
    tape: options.tape ?? ctx.tape ?? new TapeCatalog(),
    journals,
    labs: 0,
  };
  for (const drill of resolved) sim.process(`restore/${design.name}/${drill.index}/${drill.kind}`, runDrill(env, drill, checks[drill.index]!));
  return { reports: env.reports, checks };
}

function* runDrill(env: DrillEnv, drill: ResolvedDrill, check: DrillCheck): ProcessBody<void> {
  if (drill.atSec > env.sim.now) yield drill.atSec - env.sim.now;
  const m = lookUpMachine(env, drill.machine);
  if (check.state === 'unsupported' || m === undefined) {
    const reason = check.state === 'unsupported' ? check.reason : `no machine ${drill.machine}`;
    fileReport(env, newDraft(env, drill, m?.path ?? drill.machine).finish({ state: 'unsupported', reason }));
    return;
  }
  yield* RESTORES[drill.kind](env, drill, m);
}
