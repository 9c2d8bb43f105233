import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundForFile, FILE_LIMITS } from '../scenarios/bound-result.js';
import { readResultsFile, ResultsFileError, type RunResultsFile } from '../scenarios/results-file.js';
import { resultsJson } from '../scenarios/results-json.js';
import { loadScenario, simulate } from '../scenarios/simulate.js';
import { SERIES_LIMITS } from '../strategies/results-series.js';
import { RESULTS_SCHEMA_VERSION } from '../strategies/results.js';

describe('the results file of a run (schema version 2)', () => {
  const results = simulate(loadScenario('default'), { seed: 1 });
  const text = resultsJson(results);

  it('is byte-identical for the same scenario and seed', () => {
    expect(resultsJson(simulate(loadScenario('default'), { seed: 1 }))).toBe(text);
  });

  it('differs for another seed', () => {
    expect(resultsJson(simulate(loadScenario('default'), { seed: 2, designs: ['proxy-vadp-cbt'] }))).not.toBe(text);
  });

  it('carries its schema version, generator, scenario and designs in scenario order', () => {
    expect(results).toMatchObject({ schemaVersion: 2, kind: 'run', generator: { name: 'vmbsim' }, seed: 1, days: 3 });
    expect(results.designs.map((d) => d.design)).toEqual(['agents-22h', 'proxy-vadp-cbt', 'near-cdp-15min']);
    expect(results.designs.every((d) => d.schemaVersion === RESULTS_SCHEMA_VERSION)).toBe(true);
  });

  it('holds only finite numbers, so JSON never turns one into null unannounced', () => {
    const bad: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'number' && !Number.isFinite(v)) bad.push(path);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(results, '$');
    expect(bad).toEqual([]);
  });

  it('keeps every series within its limits, on one bucket grid', () => {
    for (const d of results.designs) {
      const s = d.series;
      const buckets = Math.ceil((d.days * 86_400) / s.bucketSec);
      expect(buckets).toBeLessThanOrEqual(SERIES_LIMITS.buckets);
      expect(s.impact.machines.length).toBeLessThanOrEqual(SERIES_LIMITS.impactMachines);
      expect(s.impact.hosts.length).toBeLessThanOrEqual(SERIES_LIMITS.impactHosts);
      expect(s.utilisation.length).toBeLessThanOrEqual(SERIES_LIMITS.utilisation);
      expect(s.concurrency.length).toBeLessThanOrEqual(SERIES_LIMITS.concurrencyLanes);
      expect(s.jobs.length).toBeLessThanOrEqual(SERIES_LIMITS.jobBars);
      const rows = [s.impact.fleet.p50, s.impact.fleet.max, ...s.impact.machines.map((m) => m.latencyInflation), ...s.utilisation.map((u) => u.values), ...s.concurrency.map((c) => c.values)];
      for (const r of rows) expect(r.length).toBe(buckets);
      expect(s.storage.map((x) => x.day)).toEqual([0, 1, 2]);
      expect(s.utilisation.every((u) => u.values.every((v) => v >= 0 && v <= 1))).toBe(true);
    }
  });

  it('counts the job bars it leaves out (the CDP stream reports one record per machine per hour)', () => {
    const cdp = results.designs.find((d) => d.design === 'near-cdp-15min')!;
    expect(cdp.series.jobs.length + cdp.series.jobsTruncated).toBe(cdp.jobs.total);
    expect(cdp.series.jobsTruncated).toBeGreaterThan(0);
  });

  it('shows the proxy as the lane of proxy jobs, and the host as the lane of agent jobs', () => {
    const proxy = results.designs.find((d) => d.design === 'proxy-vadp-cbt')!.series;
    expect(new Set(proxy.jobs.map((j) => `${j.laneKind}:${j.lane}`))).toEqual(new Set(['proxy:proxy/proxy-01']));
    expect(proxy.concurrency.map((c) => c.lane)).toEqual(['proxy/proxy-01']);
    const agents = results.designs.find((d) => d.design === 'agents-22h')!.series;
    expect(agents.jobs.find((j) => j.machine === 'vm/fs-10')).toMatchObject({ lane: 'host/esx-01', laneKind: 'host' });
    // At most the proxy's 4 task slots run at once.
    expect(Math.max(...proxy.concurrency[0]!.values)).toBeLessThanOrEqual(4);
  });

  it('grows stored bytes day by day as restore points accumulate', () => {
    const storage = results.designs.find((d) => d.design === 'proxy-vadp-cbt')!.series.storage;
    expect(storage.map((s) => s.points)).toEqual([24, 48, 72]);
    for (let i = 1; i < storage.length; i++) expect(storage[i]!.storedBytes).toBeGreaterThanOrEqual(storage[i - 1]!.storedBytes);
    expect(storage[2]!.sentBytes).toBe(results.designs.find((d) => d.design === 'proxy-vadp-cbt')!.bytes.sent);
  });

  it('shows the agents saturating production more than the proxy in the fleet band', () => {
    const peak = (name: string): number => Math.max(...results.designs.find((d) => d.design === name)!.series.impact.fleet.p95);
    expect(peak('agents-22h')).toBeGreaterThan(5 * peak('proxy-vadp-cbt'));
  });

  it('writes series on one line each and reads back equal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbsim-results-'));
    const file = join(dir, 'results.json');
    writeFileSync(file, text);
    expect(readResultsFile(file)).toEqual(JSON.parse(text));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toMatch(/"p50": \[[^\n]+\]/);
  });
});

describe('reading results files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmbsim-read-'));
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('refuses another schema version, naming the file, the version found and the version expected', () => {
    const file = write('old.json', JSON.stringify({ schemaVersion: 1, kind: 'run', designs: [] }));
    expect(() => readResultsFile(file)).toThrow(ResultsFileError);
    expect(() => readResultsFile(file)).toThrow(`${file}: results schema version 1 found, version 2 expected`);
  });

  it('refuses text that is not JSON, and a file that does not exist', () => {
    expect(() => readResultsFile(write('bad.json', '{ nope'))).toThrow(/bad\.json: not a JSON results file/);
    expect(() => readResultsFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot be read \(ENOENT\)/);
  });
});

describe('bounding a result for the file', () => {
  it('keeps the machines with the worst recovery point gaps, in estate order, and counts the rest', () => {
    const base = simulate(loadScenario('default'), { designs: ['proxy-vadp-cbt'], assignment: { days: 2 } }).designs[0]!;
    const machines = Array.from({ length: 1000 }, (_, i) => ({ machine: `vm/m-${String(i).padStart(4, '0')}`, points: 1, firstPointSec: 0, lastPointSec: 0, maxGapSec: i === 7 ? null : i, lastPointAgeSec: 0 }));
    const big: RunResultsFile['designs'][number] = {
      ...base,
      recoveryPoints: { ...base.recoveryPoints, machines },
      consistency: machines.map((m) => ({ machine: m.machine, counts: { 'application-consistent': 1, 'crash-consistent': 0, damaged: 0, unknown: 0 }, latest: 'application-consistent' })),
      failures: Array.from({ length: 5000 }, (_, i) => ({ machine: 'vm/x', kind: 'full' as const, startSec: i, reason: 'r' })),
    };
    const bounded = boundForFile(big);
    expect(bounded.recoveryPoints.machines.length).toBe(FILE_LIMITS.machines);
    expect(bounded.recoveryPoints.machines[0]!.machine).toBe('vm/m-0007');
    expect(bounded.recoveryPoints.machines[1]!.machine).toBe('vm/m-0801');
    expect(bounded.consistency.map((c) => c.machine)).toEqual(bounded.recoveryPoints.machines.map((m) => m.machine));
    expect(bounded.failures.length).toBe(FILE_LIMITS.failures);
    expect(bounded.omitted).toEqual({ machines: 800, unprotected: 0, failures: 5000 - FILE_LIMITS.failures });
    expect(boundForFile(base)).toBe(base);
  });

  it('keeps the first drill rows in drill order and counts the rest only when some were cut', () => {
    const base = simulate(loadScenario('default'), { designs: ['proxy-vadp-cbt'], assignment: { days: 2 } }).designs[0]!;
    expect(base.drills!.map((d) => d.kind)).toEqual(['vm', 'instant-recovery', 'verification', 'file']);
    const row = base.drills![0]!;
    const many = { ...base, drills: Array.from({ length: FILE_LIMITS.drills + 7 }, (_, i) => ({ ...row, drill: i })) };
    const bounded = boundForFile(many);
    expect(bounded.drills!.map((d) => d.drill)).toEqual(Array.from({ length: FILE_LIMITS.drills }, (_, i) => i));
    expect(bounded.omitted).toEqual({ machines: 0, unprotected: 0, failures: 0, drills: 7 });
    const atLimit = { ...base, drills: many.drills.slice(0, FILE_LIMITS.drills) };
    expect(boundForFile(atLimit)).toBe(atLimit);
  });
});
