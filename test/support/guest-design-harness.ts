/**
 * A small runner for the agent and CDP tests: builds a world, binds one
 * repository per target, plans and starts one design, drives the guests'
 * writes (and, on request, the production workloads with an impact monitor
 * started at a given time) and runs to the end. Figures a test's conclusions
 * depend on are set in the test's spec, never left to a default that may
 * change.
 */
import { Simulation } from '../../sim/engine/simulation.js';
import { ImpactMonitor, startWorkloads, type Workload } from '../../sim/workload/index.js';
import { buildWorld, startGuestActivity, type World, type WorldSpec } from '../../sim/world/index.js';
import type { BackupDesign, DesignContext, DesignPlan } from '../../strategies/protocol.js';
import { BackupRecorder } from '../../strategies/recorder.js';
import { bindRepositories, repositoryAccessor } from '../../strategies/runner/bind-repositories.js';
import type { TargetRepository } from '../../strategies/target-repository.js';

export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;
export const MB = 1e6;
export const HOUR = 3600;
export const DAY = 86_400;

export interface HarnessOptions {
  seed?: number;
  endSec: number;
  /** Start the machines' production workloads (default false: idle machines; their disks still change). */
  workloads?: boolean;
  /** With workloads: when the impact monitor starts (default 0). */
  impactFromSec?: number;
  /** Processes the test adds before the run (probes, meters). */
  before?: (run: HarnessRun) => void;
}

export interface HarnessRun {
  sim: Simulation;
  world: World;
  recorder: BackupRecorder;
  repositories: Map<string, TargetRepository>;
  plan: DesignPlan;
  ctx: DesignContext;
  workloads: Workload[];
  /** The impact monitor, once started (with workloads only). */
  impact: ImpactMonitor | null;
}

export function runDesign(spec: WorldSpec, design: BackupDesign, options: HarnessOptions): HarnessRun {
  const sim = new Simulation({ seed: options.seed ?? 1 });
  const world = buildWorld(sim, spec);
  const repositories = bindRepositories(world);
  const recorder = new BackupRecorder();
  const ctx: DesignContext = { world, recorder, endSec: options.endSec, repository: repositoryAccessor(world, repositories) };
  const plan = design.plan(world);
  const workloads = options.workloads === true ? startWorkloads(sim, world.estate) : [];
  const run: HarnessRun = { sim, world, recorder, repositories, plan, ctx, workloads, impact: null };
  startGuestActivity(world, options.endSec);
  design.start(ctx, plan);
  if (options.workloads === true) {
    sim.process('test/impact-monitor', (function* () {
      yield options.impactFromSec ?? 0;
      run.impact = new ImpactMonitor(sim, world.estate, workloads);
    })());
  }
  options.before?.(run);
  sim.run({ untilSec: options.endSec });
  return run;
}

/** The single repository of a run with one disk target. */
export function onlyRepository(run: HarnessRun): TargetRepository {
  const repos = [...run.repositories.values()];
  if (repos.length !== 1) throw new Error(`expected one repository, found ${repos.length}`);
  return repos[0]!;
}
