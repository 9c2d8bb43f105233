/**
 * The `vmbsim` command: run, validate, list, report, sweep, merge. Exit codes:
 * 0 success, 2 invalid input (a bad argument, a scenario with issues, a
 * results file of another version), 1 anything else. Never a stack trace
 * unless --debug.
 */
import { Command } from 'commander';
import { generator } from '../generator.js';
import { EXIT, reportError } from './errors.js';
import { processIo, type Io } from './io.js';
import { listCommand } from './list-command.js';
import { mergeCommand } from './merge-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { sweepCommand } from './sweep-command.js';
import { validateCommand } from './validate-command.js';

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const debug = argv.includes('--debug');
  let exit: number = EXIT.ok;
  const program = new Command('vmbsim')
    .description('deterministic simulator of virtual server backup designs')
    .version(generator().version)
    .option('--debug', 'print stack traces on failure')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)');
  runCommand(program, io);
  validateCommand(program, io, (code) => (exit = code));
  listCommand(program, io);
  reportCommand(program, io);
  sweepCommand(program, io);
  mergeCommand(program, io);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError('(add --help for usage)');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    return reportError(e, debug, io.stderr);
  }
}
