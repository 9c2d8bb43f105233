/**
 * The `vmbsim` command as a user runs it, in a child process:
 * - start-up to the first simulated event: node starts, the CLI parses its
 *   arguments, loads the simulator and the scenario, builds the first
 *   design's world and runs one event (hidden `run --bench-first-event`).
 *   Target: < 300 ms.
 * - a 30-seed sweep on 2 worker threads against 1, target about 1.8x, in
 *   two sizes: the proxy design of the default scenario over two days (a
 *   job is ~0.12 s, so each worker's JIT warm-up weighs heavily), and the
 *   default scenario as shipped (3 designs, 3 days; a job is ~0.5 s).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTasks } from './harness.js';

// The command as package.json's bin ships it: the bundle `npm run build` writes (npm run bench builds first).
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'vmbsim-bench-'));

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  if (r.status !== 0) throw new Error(`vmbsim ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const sweep = (workers: number): string[] => ['sweep', 'default', '--seeds', '1..30', '--vary', 'days=2', '--design', 'proxy-vadp-cbt', '--workers', String(workers), '--out', `w${workers}`];
const shippedSweep = (workers: number): string[] => ['sweep', 'default', '--seeds', '1..30', '--workers', String(workers), '--out', `s${workers}`];

export async function run(): Promise<void> {
  await runTasks('CLI: start-up', [{ name: 'node + vmbsim run default, to the first simulated event', fn: () => cli(['run', 'default', '--bench-first-event']), target: '< 300 ms' }], { iterations: 10 });
  await runTasks('CLI: sweep of 30 seeds (proxy design, 2 days)', [
    { name: '--workers 1', fn: () => cli(sweep(1)) },
    { name: '--workers 2', fn: () => cli(sweep(2)), target: '~1.8x faster than --workers 1' },
  ], { iterations: 3 });
  await runTasks('CLI: sweep of 30 seeds (default as shipped: 3 designs, 3 days)', [
    { name: '--workers 1', fn: () => cli(shippedSweep(1)) },
    { name: '--workers 2', fn: () => cli(shippedSweep(2)), target: '~1.8x faster than --workers 1' },
  ], { iterations: 2, warmup: false });
}
