/** One sweep job: a scenario at a grid point with one run seed, reduced to its designs' summaries. Runs in a worker thread or in-process. */
import type { DesignSummary, VaryValue } from '../results-file.js';
import type { ScenarioHandle } from '../scenario-source.js';
import { loadScenario, simulate } from '../simulate.js';
import { designSummary } from '../summary.js';

export interface JobTask {
  /** A scenario file or a built-in name (what loadScenario takes). */
  source: string;
  assignment: Record<string, VaryValue>;
  runSeed: number;
  designs: string[];
}

const handles = new Map<string, ScenarioHandle>();

export function runJob(task: JobTask): DesignSummary[] {
  let handle = handles.get(task.source);
  if (handle === undefined) {
    handle = loadScenario(task.source);
    handles.set(task.source, handle);
  }
  const results = simulate(handle, { seed: task.runSeed, assignment: task.assignment, designs: task.designs });
  return results.designs.map(designSummary);
}
