/**
 * A run with restores, for the restore tests: builds the world, binds a
 * repository per target, plans and starts one backup design (its backups
 * are what the drills restore), optionally starts the production workloads,
 * attaches a witness of every disk write, schedules test actions (corrupt a
 * block at a time), starts the tape copies and the drills, and runs to the
 * end. It mirrors what the runner does, plus the drills, which the lead
 * wires into the runner.
 */
import { Simulation } from '../../sim/engine/simulation.js';
import { startWorkloads } from '../../sim/workload/index.js';
import { buildWorld, startGuestActivity, type World, type WorldSpec } from '../../sim/world/index.js';
import type { BackupDesign, DesignPlan } from '../../strategies/protocol.js';
import { BackupRecorder } from '../../strategies/recorder.js';
import { bindRepositories, repositoryAccessor } from '../../strategies/runner/bind-repositories.js';
import type { TargetRepository } from '../../strategies/target-repository.js';
import { startRestoreDrills, startTapeCopies, TapeCatalog, type RestoreContext, type RestoreDrill, type RestoreDrills, type TapeCopies, type TapeCopySpec } from '../../strategies/restore/index.js';
import { HistoryWitness } from './restore-witness.js';

export interface RestoreRunOptions {
  seed?: number;
  endSec: number;
  drills?: readonly RestoreDrill[];
  tapeCopies?: readonly TapeCopySpec[];
  /** Start the machines' production workloads (default false). */
  workloads?: boolean;
  /** Attach a witness of the protected data (default true). */
  witness?: boolean;
  /** Called once the world is built, before anything runs; what it returns joins the restore context (captures...). */
  onWorld?: (world: World) => Partial<RestoreContext>;
  /** Actions at given times (corrupt a block before a drill...). */
  actions?: readonly { atSec: number; run: (r: RestoreRun) => void }[];
}

export interface RestoreRun {
  sim: Simulation;
  world: World;
  recorder: BackupRecorder;
  repositories: Map<string, TargetRepository>;
  plan: DesignPlan;
  ctx: RestoreContext;
  drills: RestoreDrills;
  tape: TapeCopies;
  witness: HistoryWitness | null;
}

export function runWithRestores(spec: WorldSpec, design: BackupDesign, o: RestoreRunOptions): RestoreRun {
  const sim = new Simulation({ seed: o.seed ?? 1 });
  const world = buildWorld(sim, spec);
  const repositories = bindRepositories(world);
  const recorder = new BackupRecorder();
  const witness = o.witness === false ? null : new HistoryWitness(world);
  const ctx: RestoreContext & { endSec: number } = {
    world,
    recorder,
    endSec: o.endSec,
    repository: repositoryAccessor(world, repositories),
    tape: new TapeCatalog(),
    ...(witness !== null ? { witness } : {}),
    ...o.onWorld?.(world),
  };
  const plan = design.plan(world);
  if (o.workloads === true) startWorkloads(sim, world.estate);
  startGuestActivity(world, o.endSec);
  design.start(ctx, plan);
  const tape = startTapeCopies(ctx, design, o.tapeCopies ?? [], { plan });
  const drills = startRestoreDrills(ctx, design, o.drills ?? [], { plan, tape: tape.catalog });
  const run: RestoreRun = { sim, world, recorder, repositories, plan, ctx, drills, tape, witness };
  for (const [i, a] of (o.actions ?? []).entries()) {
    sim.process(`test/action/${i}`, (function* () {
      yield a.atSec - sim.now;
      a.run(run);
    })());
  }
  sim.run({ untilSec: o.endSec });
  return run;
}

/** The design with extra capabilities (a product that also writes tape, or one that restores whole VMs only). */
export function withCapabilities(design: BackupDesign, change: Partial<BackupDesign['capabilities']>): BackupDesign {
  return { name: design.name, capabilities: { ...design.capabilities, ...change }, plan: (w) => design.plan(w), start: (c, p) => design.start(c, p) };
}
