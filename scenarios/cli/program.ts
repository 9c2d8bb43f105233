/**
 * The `vmbsim` command: run, validate, list, report, sweep, merge. Exit codes:
 * 0 success, 2 invalid input (a bad argument, a scenario with issues, a
 * results file of another version), 1 anything else. Never a stack trace
 * unless --debug.
 */
import { runCommandLine } from './command-line.js';
import { processIo, type Io } from './io.js';
import { listCommand } from './list-command.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { sweepCommand } from './sweep-command.js';
import { validateCommand } from './validate-command.js';

export function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommandLine(argv, io, [runCommand, validateCommand, listCommand, reportCommand, sweepCommand, mergeCommand]);
}
