/**
 * The report declares its own input types (reports/ imports nothing from the
 * engine, the strategies or the scenarios). These assignments fail to compile
 * when the results file the scenarios write stops matching what the report
 * reads: the contract between issue 5 (results) and issue 6 (report).
 */
import { describe, expect, it } from 'vitest';
import type * as Produced from '../scenarios/results-file.js';
import type * as Read from '../reports/input-types.js';

type Assignable<From, To> = [From] extends [To] ? true : false;

describe('the report reads what the scenarios write', () => {
  it('accepts a run results file, a sweep results file and their parts as report input', () => {
    const run: Assignable<Produced.RunResultsFile, Read.RunResultsFile> = true;
    const sweep: Assignable<Produced.SweepResultsFile, Read.SweepResultsFile> = true;
    const design: Assignable<Produced.DesignResult, Read.DesignResult> = true;
    const summary: Assignable<Produced.DesignSummary, Read.DesignSummary> = true;
    const several: Assignable<Produced.RunResultsFile[], Read.ReportInput> = true;
    expect([run, sweep, design, summary, several]).toEqual([true, true, true, true, true]);
  });
});
