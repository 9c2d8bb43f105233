/** `vmbsim report <results.json...> --out FILE`: an HTML report of one run, one sweep, or several runs side by side. */
import type { Command } from 'commander';
import { loadReportRenderer, renderReportHtml, type ReportInput } from '../report-adapter.js';
import { readResultsFile, type RunResultsFile } from '../results-file.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { writeFilesAtomic } from './write-atomic.js';

export function reportCommand(program: Command, io: Io): void {
  program
    .command('report')
    .description('write an HTML report of results files (one run, one sweep, or several runs)')
    .argument('<results...>', 'results.json files')
    .requiredOption('--out <file>', 'the HTML file to write')
    .action(async (files: string[], flags: { out: string }) => {
      const data = files.map((f) => ({ file: f, data: readResultsFile(f) }));
      let input: ReportInput;
      if (data.length === 1) input = data[0]!.data;
      else {
        const sweep = data.find((d) => d.data.kind === 'sweep');
        if (sweep !== undefined) throw new UsageError(`${sweep.file}: a sweep is reported on its own, not with other results files`);
        input = data.map((d) => d.data as RunResultsFile);
      }
      await loadReportRenderer();
      writeFilesAtomic([{ path: flags.out, text: renderReportHtml(input) }]);
      io.stdout(`wrote ${flags.out}\n`);
    });
}
