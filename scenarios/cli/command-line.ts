/**
 * The `vmbsim` program as commander runs it, for a given set of commands:
 * the whole command (program.ts) registers all of them, the validate-only
 * bundle (validate-program.ts) only `validate`. Both go through here, so the
 * program's name, version, options, help and error handling are the same
 * code, and `vmbsim validate ...` behaves the same whichever bundle runs it.
 */
import { Command } from 'commander';
import { generator } from '../generator.js';
import { EXIT, reportError } from './errors.js';
import type { Io } from './io.js';

/** Adds one command to the program; `setExit` sets the exit code of a command that succeeded with findings (validate). */
export type RegisterCommand = (program: Command, io: Io, setExit: (code: number) => void) => void;

export async function runCommandLine(argv: readonly string[], io: Io, commands: readonly RegisterCommand[]): Promise<number> {
  const debug = argv.includes('--debug');
  let exit: number = EXIT.ok;
  const program = new Command('vmbsim')
    .description('deterministic simulator of virtual server backup designs')
    .version(generator().version)
    .option('--debug', 'print stack traces on failure')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)');
  for (const register of commands) register(program, io, (code) => (exit = code));
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError('(add --help for usage)');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    return reportError(e, debug, io.stderr);
  }
}

/** Runs a program as the process: with no arguments `vmbsim` (and `npm start`) runs the built-in default scenario. */
export function runAsProcess(main: (argv: readonly string[]) => Promise<number>): void {
  quietOnClosedOutput();
  const args = process.argv.slice(2);
  main(args.length === 0 ? ['run', 'default'] : args).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`vmbsim: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * A reader that stops early (`vmbsim list | head -1`) closes the pipe, and
 * every later write to standard output fails with EPIPE, which Node raises
 * as an unhandled error with a stack trace. Nothing more can reach that
 * reader, so the command goes on without printing (a run still writes its
 * files and exits with its own code), as a Unix tool stops quietly on
 * SIGPIPE. Any other failure of standard output is one line, exit 1.
 */
function quietOnClosedOutput(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    process.stderr.write(`vmbsim: cannot write to standard output: ${e.message}\n`);
    process.exitCode = 1;
  });
}
