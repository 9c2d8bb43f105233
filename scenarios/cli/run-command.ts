/** `vmbsim run <scenario>`: simulate every design, write results.json and report.html, print the comparison. */
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { loadReportRenderer, renderReportHtml } from '../report-adapter.js';
import { resultsJson } from '../results-json.js';
import { progressSink } from './progress.js';
import { parseSeed } from './arguments.js';
import { comparisonTable } from './table.js';
import { writeFilesAtomic } from './write-atomic.js';
import type { Io } from './io.js';

interface RunFlags {
  seed?: string;
  out?: string;
  design?: string[];
  json?: boolean;
  benchFirstEvent?: boolean;
}

export function runCommand(program: Command, io: Io): void {
  program
    .command('run')
    .description('simulate a scenario and write DIR/results.json and DIR/report.html')
    .argument('<scenario>', 'a scenario file, or the name of a built-in scenario (default)')
    .option('--seed <n>', "the run's seed (default: the scenario's)")
    .option('--out <dir>', 'output directory (default: out/<scenario name>)')
    .option('--design <name...>', 'only these designs')
    .option('--json', 'print results.json on stdout instead of the table (no progress bar)')
    // For bench/cli.bench.ts: start up, build the world, run one event, exit.
    .addOption(new Option('--bench-first-event').hideHelp())
    .action(async (scenario: string, flags: RunFlags) => {
      // Loaded here, not at start-up: --help and the commands that do not simulate stay quick.
      const { loadScenario, simulate, firstSimulatedEvent } = await import('../simulate.js');
      const handle = loadScenario(scenario);
      if (flags.benchFirstEvent === true) {
        io.stdout(`first event at ${firstSimulatedEvent(handle)} s\n`);
        return;
      }
      const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
      const json = flags.json === true;
      const bar = await progressSink(json);
      await loadReportRenderer();
      let results;
      try {
        results = simulate(handle, {
          seed,
          designs: flags.design,
          onProgress: (p) => bar.update(p.designIndex * p.endSec + p.simulatedSec, p.designCount * p.endSec, p.design),
        });
      } finally {
        bar.stop();
      }
      const dir = flags.out ?? join('out', results.scenario.name);
      const text = resultsJson(results);
      writeFilesAtomic([
        { path: join(dir, 'results.json'), text },
        { path: join(dir, 'report.html'), text: renderReportHtml(results) },
      ]);
      if (json) io.stdout(text);
      else {
        io.stdout(`vmbsim ${results.scenario.name} (seed ${results.seed}, ${results.days} days): ${results.scenario.title}\n\n`);
        io.stdout(comparisonTable(results.designs));
        io.stdout(`\nwrote ${join(dir, 'results.json')} and ${join(dir, 'report.html')}\n`);
      }
    });
}
