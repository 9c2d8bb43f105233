/**
 * Runs a canonical scenario of scenarios/library/ the way the brief for the
 * library tests asks: loadScenarioFile, a sweep point's values applied with
 * applyVary and validated again, compileScenario, then each design on its own
 * fresh world (strategies/run.ts) with the scenario's seed, days, drills,
 * tape copies and faults. A test compares the measured results of the designs; nothing
 * here states a result.
 */
import { compileScenario, runOptions, type CompiledScenario } from '../../scenarios/compile.js';
import { formatIssues } from '../../scenarios/issues.js';
import { loadScenarioFile, validateDocument } from '../../scenarios/load.js';
import { applyVary, type VaryValue } from '../../scenarios/schema/vary.js';
import { createDesign } from '../../strategies/index.js';
import type { DesignResult } from '../../strategies/results.js';
import { runDesign, type DesignRun, type RunHooks } from '../../strategies/run.js';

export const LIBRARY_DIR = 'scenarios/library';

/** The library file `name`.yaml compiled, with a sweep point's values applied. */
export function compileLibrary(name: string, assignment: Readonly<Record<string, VaryValue>> = {}): CompiledScenario {
  const file = `${LIBRARY_DIR}/${name}.yaml`;
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
  if (Object.keys(assignment).length === 0) return compileScenario(loaded.scenario);
  const checked = validateDocument(applyVary(loaded.document, assignment));
  if (!checked.ok) throw new Error(`${file} with ${JSON.stringify(assignment)}: ${checked.issues.map((i) => i.message).join('; ')}`);
  return compileScenario(checked.scenario);
}

/**
 * Whole runs (results, world, recorder) of the named designs (default: all), by design name.
 * `hooks.onWorld` sees each design's freshly built world before it runs (a test's probes attach there).
 */
export function runLibraryDesigns(c: CompiledScenario, designs?: readonly string[], hooks: RunHooks = {}): Record<string, DesignRun> {
  const runs: Record<string, DesignRun> = {};
  for (const d of c.designs) {
    if (designs !== undefined && !designs.includes(d.name)) continue;
    runs[d.name] = runDesign(c.world, createDesign(d.kind, d.name, d.options), runOptions(c), hooks);
  }
  if (designs !== undefined) for (const n of designs) if (runs[n] === undefined) throw new Error(`${c.name} has no design ${n}`);
  return runs;
}

/** The results of every design of a library scenario (at a sweep point), by design name. */
export function runLibrary(name: string, assignment: Readonly<Record<string, VaryValue>> = {}, designs?: readonly string[]): Record<string, DesignResult> {
  const runs = runLibraryDesigns(compileLibrary(name, assignment), designs);
  return Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, r.result]));
}

/** The one design of that name; throws when the scenario has none. */
export function design<T>(by: Record<string, T>, name: string): T {
  const r = by[name];
  if (r === undefined) throw new Error(`no design ${name}: ${Object.keys(by).join(', ')}`);
  return r;
}

/** Seconds from request to service back of the drills of one kind (mean), or NaN when none was done. */
export function serviceSec(r: DesignResult, kind: string): number {
  const k = r.restores.find((x) => x.kind === kind);
  return k === undefined || k.done === 0 ? NaN : k.serviceSec.mean;
}
