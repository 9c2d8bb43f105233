/**
 * Runs a sweep: every (grid point, seed) job of the plan, or one shard's
 * share, on a pool of worker threads (tinypool) or in this thread for one
 * worker. The results do not depend on the number of workers or on the
 * order jobs finish in: each job's seed is fixed by the plan, and the file
 * is assembled in plan order.
 */
import { Tinypool } from 'tinypool';
import { generator } from '../generator.js';
import type { SweepResultsFile } from '../results-file.js';
import { loadScenario } from '../scenario-source.js';
import { assembleSweep, type JobOutcome } from './assemble.js';
import { gridPoints, sweepJobs, SweepArgumentError, type VaryAxis } from './grid.js';
import { runJob, type JobTask } from './job.js';

/**
 * The worker's file, beside this module: worker.js as tsc compiles the
 * package. The command's bundle (scenarios/cli/bundle.mjs) defines
 * VMBSIM_SWEEP_WORKER as ./worker.mjs: its folder is CommonJS, and the
 * worker stays an ES module (as CommonJS, a sweep's workers took a fifth
 * more CPU time).
 */
declare const VMBSIM_SWEEP_WORKER: string | undefined;
const WORKER_FILE = typeof VMBSIM_SWEEP_WORKER === 'string' ? VMBSIM_SWEEP_WORKER : './worker.js';

export const MAX_WORKERS = 64;

export interface SweepOptions {
  seeds: (number | string)[];
  /** Replaces the scenario's own grid when given. */
  vary?: VaryAxis[];
  workers?: number;
  shard?: { index: number; count: number };
  designs?: string[];
  /** After each job: jobs done and jobs in this run (this shard's share). */
  onJobDone?: (done: number, total: number) => void;
}

export async function runSweep(source: string, options: SweepOptions): Promise<SweepResultsFile> {
  const workers = options.workers ?? 1;
  if (!(Number.isSafeInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) throw new SweepArgumentError('--workers', `expected a whole number in 1..${MAX_WORKERS}, got ${workers}`);
  if (options.seeds.length === 0) throw new SweepArgumentError('--seeds', 'no seeds');
  const handle = loadScenario(source);
  const base = handle.compile();
  const vary = options.vary !== undefined && options.vary.length > 0 ? options.vary : base.vary;
  const points = gridPoints(vary);
  // Compile every grid point once here, so a bad value fails before any run.
  for (const p of points) handle.compile(p);
  const all = sweepJobs(base.name, options.seeds, points);
  const shard = options.shard;
  const mine = shard === undefined ? all : all.filter((j) => j.index % shard.count === shard.index);
  const designs = options.designs ?? [];
  const task = (j: (typeof mine)[number]): JobTask => ({ source, assignment: j.assignment, runSeed: j.runSeed, designs });
  const outcomes: JobOutcome[] = [];
  let done = 0;
  const finished = (j: (typeof mine)[number], summaries: JobOutcome['designs']): void => {
    outcomes.push({ pointIndex: j.pointIndex, seedIndex: j.seedIndex, runSeed: j.runSeed, designs: summaries });
    options.onJobDone?.(++done, mine.length);
  };
  if (workers === 1 || mine.length <= 1) {
    for (const j of mine) finished(j, runJob(task(j)));
  } else {
    const pool = new Tinypool({ filename: new URL(WORKER_FILE, import.meta.url).href, minThreads: Math.min(workers, mine.length), maxThreads: Math.min(workers, mine.length) });
    try {
      await Promise.all(mine.map(async (j) => finished(j, (await pool.run(task(j))) as JobOutcome['designs'])));
    } finally {
      await pool.destroy();
    }
  }
  const header = {
    generator: generator(),
    scenario: { name: base.name, title: base.title, description: base.description, claims: [...base.claims], normalised: base.normalised },
    seeds: options.seeds,
    vary,
    points,
  };
  return assembleSweep(header, outcomes, shard);
}
