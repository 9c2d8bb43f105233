/**
 * A run in steps: build the world and start everything (constructor), move
 * simulated time forward (`advanceTo`), then compute the results (`finish`).
 * `runDesign` does all three at once; benchmarks and tools that look at a run
 * part way through use the steps.
 */
import { ConfigError } from '../../sim/engine/errors.js';
import { Simulation } from '../../sim/engine/simulation.js';
import { ImpactMonitor } from '../../sim/workload/impact-monitor.js';
import { startWorkloads } from '../../sim/workload/start-workloads.js';
import { buildWorld, startGuestActivity, type World, type WorldSpec } from '../../sim/world/index.js';
import type { BackupDesign, DesignPlan } from '../protocol.js';
import { BackupRecorder } from '../recorder.js';
import type { DesignResult } from '../results.js';
import type { TargetRepository } from '../target-repository.js';
import { bindRepositories, repositoryAccessor, type RunRepositoryOptions } from './bind-repositories.js';
import { computeResults } from './compute-results.js';
import type { RepositoryDay } from './results-series-jobs.js';
import { startFaults, startRestoreDrills, startTapeCopies, TapeCatalog, type FaultSpec, type RestoreDrill, type TapeCopySpec } from '../restore/index.js';

export interface SimulateOptions {
  seed: number | string;
  /** Length of the run in days (time 0 is midnight of day 0). */
  days: number;
  /** When the design starts, seconds (workloads and guests run from 0). Default 0. */
  startSec?: number;
  /** Options for every target's repository (block size, compression, transforms). */
  repository?: RunRepositoryOptions;
  /** Width of the impact monitor's series buckets, seconds. Default 300. */
  impactBucketSec?: number;
  /** Restores, instant recoveries, labs and verifications to run during the run (strategies/restore). */
  drills?: readonly RestoreDrill[];
  /** Disk-to-disk-to-tape copies to make during the run. */
  tapeCopies?: readonly TapeCopySpec[];
  /** Faults to inject during the run (bit rot on a repository), recorded in the results. */
  faults?: readonly FaultSpec[];
}

export interface RunHooks {
  /** Called once the world is built, before anything runs (probes attach here). */
  onWorld?: (world: World) => void;
}

/** Everything a run produced, for tests and tools that look beyond the results. */
export interface DesignRun {
  result: DesignResult;
  world: World;
  recorder: BackupRecorder;
  repositories: ReadonlyMap<string, TargetRepository>;
  plan: DesignPlan;
}

export class RunSession {
  readonly sim: Simulation;
  readonly world: World;
  readonly recorder = new BackupRecorder();
  readonly repositories: ReadonlyMap<string, TargetRepository>;
  readonly plan: DesignPlan;
  readonly endSec: number;
  private readonly impact: ImpactMonitor;
  private readonly repositoryDays: RepositoryDay[] = [];
  private started = false;

  constructor(
    worldSpec: WorldSpec,
    readonly design: BackupDesign,
    readonly options: SimulateOptions,
    hooks: RunHooks = {},
  ) {
    const { days, startSec = 0 } = options;
    if (!(Number.isFinite(days) && days > 0)) throw new ConfigError('run', 'days', days, 'be a finite number of days > 0');
    this.endSec = days * 86_400;
    if (!(Number.isFinite(startSec) && startSec >= 0 && startSec < this.endSec)) throw new ConfigError('run', 'startSec', startSec, `be in [0, ${this.endSec})`);
    this.sim = new Simulation({ seed: options.seed });
    this.world = buildWorld(this.sim, worldSpec);
    hooks.onWorld?.(this.world);
    this.impact = new ImpactMonitor(this.sim, this.world.estate, startWorkloads(this.sim, this.world.estate), { bucketSec: options.impactBucketSec ?? 300 });
    startGuestActivity(this.world, this.endSec);
    this.repositories = bindRepositories(this.world, options.repository);
    this.plan = design.plan(this.world);
    this.recorder.unprotected.push(...this.plan.unprotected);
  }

  /** Runs the simulation to `untilSec` (at most the end), starting the design when its time comes. */
  advanceTo(untilSec: number): this {
    const until = Math.min(untilSec, this.endSec);
    const startSec = this.options.startSec ?? 0;
    if (!this.started && until >= startSec) {
      if (startSec > this.sim.now) this.sim.run({ untilSec: startSec });
      const ctx = { world: this.world, recorder: this.recorder, endSec: this.endSec, repository: repositoryAccessor(this.world, this.repositories), tape: new TapeCatalog() };
      this.design.start(ctx, this.plan);
      // After the design, so a backup due at the same instant as a copy or a drill runs first.
      const copies = startTapeCopies(ctx, this.design, this.options.tapeCopies ?? [], { plan: this.plan });
      // Before the drills, so a drill due at the same instant as a fault sees the damage.
      startFaults(ctx, this.options.faults ?? []);
      startRestoreDrills(ctx, this.design, this.options.drills ?? [], { plan: this.plan, tape: copies.catalog });
      this.started = true;
    }
    if (until > this.sim.now) this.sim.run({ untilSec: until });
    this.sampleDays();
    return this;
  }

  /** Repository figures at the end of each day passed (days end at midnight; the last may be partial). */
  private sampleDays(): void {
    const days = Math.ceil(this.endSec / 86_400);
    while (this.repositoryDays.length < days) {
      const day = this.repositoryDays.length;
      if (Math.min(this.endSec, (day + 1) * 86_400) > this.sim.now) return;
      const sample: RepositoryDay = { day, logicalBytes: 0, storedBytes: 0, points: 0 };
      for (const r of this.repositories.values()) {
        const s = r.repository.stats();
        sample.logicalBytes += s.restorableLogicalBytes;
        sample.storedBytes += s.physicalBytes;
        sample.points += s.points;
      }
      this.repositoryDays.push(sample);
    }
  }

  /** Runs to the end and computes the results. */
  finish(): DesignRun {
    // Day by day, so the repositories are sampled at every midnight.
    for (let day = 1; day * 86_400 < this.endSec; day++) this.advanceTo(day * 86_400);
    this.advanceTo(this.endSec);
    const result = computeResults({
      design: this.design,
      world: this.world,
      recorder: this.recorder,
      impact: this.impact,
      repositories: this.repositories,
      seed: this.options.seed,
      days: this.options.days,
      endSec: this.endSec,
      run: { state: this.sim.now >= this.endSec ? 'until' : 'stopped', events: this.sim.eventCount },
      protectedMachines: this.plan.protect.map((m) => m.path),
      repositoryDays: this.repositoryDays,
      impactBucketSec: this.options.impactBucketSec ?? 300,
    });
    return { result, world: this.world, recorder: this.recorder, repositories: this.repositories, plan: this.plan };
  }
}
