/**
 * `vmbsim sweep <scenario>`: replications (seeds) x a parameter grid on a
 * pool of worker threads, writing DIR/results.json (with --shard: one
 * slice, DIR/results.shard-K-of-N.json) and, unsharded, DIR/report.html.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadReportRenderer, renderReportHtml } from '../report-adapter.js';
import { resultsJson } from '../results-json.js';
import { parseSeeds, parseShard, parseVary, type VaryAxis } from '../sweep/grid.js';
import { parseWorkers } from './arguments.js';
import type { Io } from './io.js';
import { progressSink } from './progress.js';
import { writeFilesAtomic } from './write-atomic.js';

interface SweepFlags {
  seeds: string;
  vary: string[];
  workers: string;
  shard?: string;
  out?: string;
  design?: string[];
  json?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function sweepCommand(program: Command, io: Io): void {
  program
    .command('sweep')
    .description('run a scenario over seeds and a parameter grid; median and 95% CI per metric per design')
    .argument('<scenario>', 'a scenario file, or the name of a built-in scenario')
    .option('--seeds <list>', 'replication seeds: 1..30, 1,2,5 or 1..10,20', '1..30')
    .option('--vary <key=a,b,c>', 'a grid axis (repeat for more axes)', collect, [])
    .option('--workers <n>', 'worker threads', '1')
    .option('--shard <K/N>', 'run only slice K of N (jobs with index % N == K); combine slices with vmbsim merge')
    .option('--out <dir>', 'output directory (default: out/<scenario name>-sweep)')
    .option('--design <name...>', 'only these designs')
    .option('--json', 'print the results file on stdout (no progress bar)')
    .action(async (scenario: string, flags: SweepFlags) => {
      const seeds = parseSeeds(flags.seeds);
      const vary: VaryAxis[] = flags.vary.map(parseVary);
      const workers = parseWorkers(flags.workers);
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
      const { runSweep } = await import('../sweep/run-sweep.js');
      const { loadScenario } = await import('../scenario-source.js');
      const name = loadScenario(scenario).name;
      const json = flags.json === true;
      const bar = await progressSink(json);
      let results;
      try {
        results = await runSweep(scenario, { seeds, vary, workers, shard, designs: flags.design, onJobDone: (done, total) => bar.update(done, total, `${done}/${total} runs`) });
      } finally {
        bar.stop();
      }
      const dir = flags.out ?? join('out', `${name}-sweep`);
      const text = resultsJson(results);
      const files = [{ path: join(dir, shard === undefined ? 'results.json' : `results.shard-${shard.index}-of-${shard.count}.json`), text }];
      if (shard === undefined) {
        await loadReportRenderer();
        files.push({ path: join(dir, 'report.html'), text: renderReportHtml(results) });
      }
      writeFilesAtomic(files);
      if (json) io.stdout(text);
      else {
        const runs = results.points.reduce((s, p) => s + p.runs.length, 0);
        io.stdout(`vmbsim sweep ${name}: ${runs} runs (${seeds.length} seeds x ${results.points.length} grid points${shard === undefined ? '' : `, shard ${shard.index}/${shard.count}`})\n`);
        io.stdout(`wrote ${files.map((f) => f.path).join(' and ')}\n`);
      }
    });
}
