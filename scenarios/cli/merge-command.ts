/** `vmbsim merge <slice.json...> --out FILE`: slices of a sharded sweep into the file an unsharded sweep writes. */
import type { Command } from 'commander';
import { readResultsFile, type SweepResultsFile } from '../results-file.js';
import { resultsJson } from '../results-json.js';
import { mergeSlices } from '../sweep/merge.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { writeFilesAtomic } from './write-atomic.js';

export function mergeCommand(program: Command, io: Io): void {
  program
    .command('merge')
    .description('combine the slices of a sharded sweep (vmbsim sweep --shard K/N) into one results file')
    .argument('<slices...>', 'slice results files, one per shard')
    .requiredOption('--out <file>', 'the merged results file to write')
    .action((files: string[], flags: { out: string }) => {
      const slices = files.map((file) => {
        const data = readResultsFile(file);
        if (data.kind !== 'sweep') throw new UsageError(`${file}: a run results file, not a sweep slice`);
        return { file, data: data as SweepResultsFile };
      });
      writeFilesAtomic([{ path: flags.out, text: resultsJson(mergeSlices(slices)) }]);
      io.stdout(`wrote ${flags.out} from ${files.length} slices\n`);
    });
}
