/**
 * Where scenarios come from, for `simulate`, the CLI and sweeps: a scenario
 * file (scenarios/load.ts), a canonical scenario by name
 * (scenarios/library/<name>.yaml), or a built-in one (scenarios/default.ts,
 * when the library does not have it). A ScenarioHandle holds the validated
 * document and compiles it (scenarios/compile.ts) with a sweep grid point's
 * values applied (`applyVary`, then validated again) and the run's seed.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileScenario, type CompiledScenario as CompiledFile } from './compile.js';
import { defaultScenario } from './default-scenario.js';
import { packageRoot } from './generator.js';
import { formatIssue, type RawIssue, type ScenarioIssue } from './issues.js';
import { loadScenarioFile, validateDocument } from './load.js';
import type { VaryValue } from './results-file.js';
import { applyVary } from './schema/vary.js';

export { formatIssue, type ScenarioIssue };

/** A scenario ready to run: compileScenario's result and the scenario after defaults, for the results file. */
export type CompiledScenario = CompiledFile & { normalised: unknown };

/** A scenario that cannot be loaded or compiled, with its issues as data. */
export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
  }
}

export interface ScenarioHandle {
  name: string;
  /** The file it came from, or `builtin:<name>`. */
  source: string;
  /** Compiles the scenario with a sweep grid point's values applied (keys are dotted paths), for a seed (default: the scenario's). */
  compile(assignment?: Readonly<Record<string, VaryValue>>, seed?: number | string): CompiledScenario;
}

export const BUILTIN_SCENARIOS: Readonly<Record<string, () => ScenarioHandle>> = {
  default: defaultScenario,
};

/** The canonical scenarios' folder. */
export function libraryDir(): string {
  return join(packageRoot(), 'scenarios', 'library');
}

/** A scenario file, a library scenario's name, or a built-in's; throws a ScenarioError with the issues when it is not valid. */
export function loadScenario(fileOrName: string): ScenarioHandle {
  const file = resolveScenario(fileOrName);
  if (file === null) {
    const builtin = Object.prototype.hasOwnProperty.call(BUILTIN_SCENARIOS, fileOrName) ? BUILTIN_SCENARIOS[fileOrName] : undefined;
    if (builtin !== undefined) return builtin();
    throw new ScenarioError([{ code: 'not_found', file: fileOrName, line: 1, column: 1, path: [], message: 'no such scenario file, and no canonical scenario of that name (vmbsim list shows them)' }]);
  }
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new ScenarioError(loaded.issues);
  const { scenario, document, expansion } = loaded;
  return {
    name: scenario.name,
    source: file,
    compile(assignment = {}, seed?: number | string): CompiledScenario {
      if (Object.keys(assignment).length === 0) return { ...compileScenario(scenario, { seed, expansion }), normalised: scenario };
      let varied: unknown;
      try {
        varied = applyVary(document, assignment);
      } catch (e) {
        throw new ScenarioError([{ code: 'invalid_vary', file, line: 1, column: 1, path: ['vary'], message: (e as Error).message }]);
      }
      const checked = validateDocument(varied);
      if (!checked.ok) throw new ScenarioError(checked.issues.map((i) => placeless(file, assignment, i)));
      return { ...compileScenario(checked.scenario, { seed, expansion: checked.expansion }), normalised: checked.scenario };
    },
  };
}

/** A file as given, or the library's `<name>.yaml`; null when neither exists. */
function resolveScenario(fileOrName: string): string | null {
  if (existsSync(fileOrName) && statSync(fileOrName).isFile()) return fileOrName;
  if (/^[A-Za-z0-9_-]+$/.test(fileOrName)) {
    for (const ext of ['yaml', 'yml']) {
      const candidate = join(libraryDir(), `${fileOrName}.${ext}`);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** An issue of a varied document: it has no place in the file, so it names the grid point. */
function placeless(file: string, assignment: Readonly<Record<string, VaryValue>>, i: RawIssue): ScenarioIssue {
  const at = Object.entries(assignment).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  return { code: i.code, file, line: 1, column: 1, path: i.path, message: `with ${at}: ${i.message}` };
}

/** Checks a scenario without running it: its issues, [] when valid. */
export function validateScenario(fileOrName: string): ScenarioIssue[] {
  try {
    loadScenario(fileOrName).compile();
    return [];
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
}
