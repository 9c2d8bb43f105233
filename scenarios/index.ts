/**
 * The package entry (`import { loadScenario, simulate } from 'vmbsim'`):
 * scenarios, runs and results files. The engine and the designs are at
 * `vmbsim/sim` and `vmbsim/strategies`.
 */
export { simulate, loadScenario, validateScenario, ScenarioError, UnknownDesignError, formatIssue } from './simulate.js';
export type { Progress, RunOptions, ScenarioHandle, ScenarioIssue, CompiledScenario } from './simulate.js';
export { readResultsFile, parseResultsText, ResultsFileError } from './results-file.js';
export type {
  RunResultsFile,
  SweepResultsFile,
  SweepPoint,
  SweepRun,
  ResultsFile,
  DesignSummary,
  MetricAggregate,
  DesignResult,
  VaryValue,
} from './results-file.js';
export { resultsJson } from './results-json.js';
export { designSummary, SUMMARY_METRICS } from './summary.js';
export { renderReport } from '../reports/index.js';
