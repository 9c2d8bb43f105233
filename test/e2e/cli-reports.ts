/**
 * Reports written by the real command: `vmbsim run <scenario> --out DIR` in a
 * child process, on canonical scenarios of scenarios/library/, exactly as a
 * user runs it. The browser test opens the report.html each run writes.
 *
 * The command is the bundle `npm run build` ships (scenarios/cli/bundle.mjs:
 * esbuild, straight from the sources, in about a second; the type check
 * runs on its own in `npm test`).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCli } from '../support/cli-build.js';
import type { ReportCase } from './report-sources.js';

const RUN_TIMEOUT_MS = 120_000;

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a child process without blocking, so several scenarios run at once. */
export function runCliAsync(cli: string, args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, CI: '1' }, timeout: RUN_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** What one canonical scenario's report must hold. */
export interface CanonicalScenario {
  name: string;
  /** data-chart kinds the report must draw, each non-empty. */
  charts: string[];
}

interface RunResultsJson {
  designs: { design: string; series: { impact: { machines: { name: string }[] } } }[];
}

/**
 * Runs `vmbsim run <name> --out <dir>/<name>` for every scenario, all at once
 * (each is single-threaded), and returns a case per report.html written.
 */
export async function canonicalReports(dir: string, scenarios: readonly CanonicalScenario[]): Promise<ReportCase[]> {
  const t0 = Date.now();
  const built = bundleCli('report-e2e');
  try {
    const t1 = Date.now();
    const runs = await Promise.all(scenarios.map((s) => runCliAsync(built.cli, ['run', s.name, '--out', join(dir, s.name)], dir)));
    console.log(`report-browser: command bundled in ${((t1 - t0) / 1000).toFixed(1)} s; vmbsim run on ${scenarios.length} scenarios in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    return scenarios.map((s, i) => {
      const r = runs[i]!;
      if (r.status !== 0) throw new Error(`vmbsim run ${s.name} exited ${String(r.status)}:\n${r.stderr}`);
      const results = JSON.parse(readFileSync(join(dir, s.name, 'results.json'), 'utf8')) as RunResultsJson;
      return {
        name: s.name,
        file: join(dir, s.name, 'report.html'),
        charts: s.charts,
        series: {
          // Two summary tables (backup, then recovery), each with a row per design.
          summary: [0, 1].map(() => results.designs.map((d) => d.design)),
          'impact-latency-machines': results.designs.map((d) => d.series.impact.machines.map((m) => m.name)),
        },
      };
    });
  } finally {
    built.remove();
  }
}
