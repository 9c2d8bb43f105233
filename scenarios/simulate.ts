/**
 * The library API: run a scenario and get its results file.
 *
 *     import { loadScenario, simulate } from 'vmbsim';
 *     const results = simulate(loadScenario('scenarios/library/default.yaml'), { seed: 7 });
 *
 * Each design runs on its own fresh world with the same seed, in scenario
 * order. Same scenario, same seed: byte-identical results (results-json.ts).
 */
import { createDesign } from '../strategies/index.js';
import { RunSession } from '../strategies/run.js';
import type { DesignResult } from '../strategies/results.js';
import { boundForFile } from './bound-result.js';
import { generator } from './generator.js';
import { RESULTS_SCHEMA_VERSION } from '../strategies/results.js';
import type { RunResultsFile, VaryValue } from './results-file.js';
import { runOptions } from './compile.js';
import type { CompiledScenario, ScenarioHandle } from './scenario-source.js';

export { loadScenario, validateScenario, ScenarioError, formatIssue, type ScenarioHandle, type ScenarioIssue, type CompiledScenario } from './scenario-source.js';

export interface Progress {
  design: string;
  /** 0-based index of the design, and how many there are. */
  designIndex: number;
  designCount: number;
  simulatedSec: number;
  endSec: number;
}

export interface RunOptions {
  /** Default: the scenario's seed. */
  seed?: number | string;
  /** Only these designs (by name), in scenario order. */
  designs?: readonly string[];
  /** A sweep grid point's values, applied before compiling. */
  assignment?: Record<string, VaryValue>;
  /** Called as simulated time passes (every few simulated hours) and at each design's end. */
  onProgress?: (p: Progress) => void;
}

/** Simulated time between progress calls. */
const PROGRESS_STEP_SEC = 6 * 3600;

export function simulate(scenario: ScenarioHandle | CompiledScenario, options: RunOptions = {}): RunResultsFile {
  const compiled = 'compile' in scenario ? scenario.compile(options.assignment, options.seed) : scenario;
  const seed = options.seed ?? compiled.seed;
  const designs = selectDesigns(compiled, options.designs);
  const results: DesignResult[] = designs.map((d, designIndex) => {
    const session = new RunSession(compiled.world, createDesign(d.kind, d.name, d.options), runOptions(compiled, seed));
    const report = (simulatedSec: number): void =>
      options.onProgress?.({ design: d.name, designIndex, designCount: designs.length, simulatedSec, endSec: session.endSec });
    if (options.onProgress !== undefined) {
      for (let t = PROGRESS_STEP_SEC; t < session.endSec; t += PROGRESS_STEP_SEC) report(session.advanceTo(t).sim.now);
    }
    const run = session.finish();
    report(session.endSec);
    return boundForFile(run.result);
  });
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    kind: 'run',
    generator: generator(),
    scenario: { name: compiled.name, title: compiled.title, description: compiled.description, claims: [...compiled.claims], normalised: compiled.normalised },
    seed,
    days: compiled.days,
    designs: results,
  };
}

/**
 * Builds the first design's world and runs its first event, and nothing
 * else: what a benchmark of start-up measures (bench/cli.bench.ts). Returns
 * the event's simulated time.
 */
export function firstSimulatedEvent(scenario: ScenarioHandle | CompiledScenario): number {
  const compiled = 'compile' in scenario ? scenario.compile() : scenario;
  const d = compiled.designs[0];
  if (d === undefined) return 0;
  const session = new RunSession(compiled.world, createDesign(d.kind, d.name, d.options), runOptions(compiled));
  session.advanceTo(0);
  session.sim.run({ maxEvents: 1 });
  return session.sim.now;
}

function selectDesigns(compiled: CompiledScenario, names: readonly string[] | undefined): CompiledScenario['designs'] {
  if (names === undefined || names.length === 0) return compiled.designs;
  const known = new Set(compiled.designs.map((d) => d.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) throw new UnknownDesignError(unknown, [...known]);
  return compiled.designs.filter((d) => names.includes(d.name));
}

/** A design name the scenario does not have. */
export class UnknownDesignError extends Error {
  constructor(
    readonly unknown: string[],
    readonly known: string[],
  ) {
    super(`unknown design ${unknown.map((n) => JSON.stringify(n)).join(', ')}: the scenario has ${known.join(', ')}`);
    this.name = 'UnknownDesignError';
  }
}
