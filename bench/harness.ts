/**
 * Shared benchmark plumbing (tinybench). Each topic file under bench/ exports
 * `run(): Promise<void>`; bench/run.ts runs them in order, or only those named
 * on the command line (`npm run bench -- solver engine`).
 *
 * Results are printed with their uncertainty (STYLE.md, principle 14): number
 * of samples, median, min-max spread and the relative margin of error, plus a
 * derived rate where a task states how much work one run does.
 */
import { Bench, type BenchOptions } from 'tinybench';

export interface BenchTask {
  name: string;
  fn: () => unknown;
  /** Work items one run performs (events, flows, chunks), to print a rate. */
  itemsPerRun?: number;
  itemName?: string;
  /** A target to print beside the result, e.g. `< 2 s` (informational). */
  target?: string;
  /** Untimed preparation before every run of `fn` (a fresh world to run on). */
  beforeEach?: () => void;
}

export async function runTasks(title: string, tasks: BenchTask[], options: BenchOptions = {}): Promise<void> {
  const bench = new Bench({ iterations: 5, time: 0, warmup: true, warmupIterations: 1, ...options });
  let sink = 0;
  for (const t of tasks) {
    const fn = () => {
      // Consume the result so the work cannot be optimised away.
      const out = t.fn();
      if (out !== undefined) sink++;
    };
    if (t.beforeEach === undefined) bench.add(t.name, fn);
    else bench.add(t.name, fn, { beforeEach: t.beforeEach });
  }
  await bench.run();
  console.log(`\n## ${title}`);
  for (const t of tasks) {
    const task = bench.getTask(t.name);
    const r = task?.result;
    if (r === undefined || r.state !== 'completed') {
      console.log(`- ${t.name}: ${r === undefined ? 'no result' : r.state}`);
      continue;
    }
    const lat = r.latency;
    const medMs = lat.p50;
    const rate =
      t.itemsPerRun !== undefined
        ? `, ${formatRate(t.itemsPerRun / (medMs / 1000))} ${t.itemName ?? 'items'}/s`
        : '';
    const target = t.target !== undefined ? ` (target ${t.target})` : '';
    console.log(
      `- ${t.name}: median ${medMs.toFixed(1)} ms, min ${lat.min.toFixed(1)} ms, max ${lat.max.toFixed(1)} ms, ` +
        `n=${lat.samplesCount}, rme ±${lat.rme.toFixed(1)}%${rate}${target}`,
    );
  }
  if (sink < 0) console.log(sink);
}

function formatRate(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(1);
}
