/**
 * How the CLI fails: exit 2 for input a person must fix (a bad argument, a
 * scenario with issues, a results file of another schema version), exit 1 for
 * anything else. Messages only; the stack trace only with --debug.
 */
import { CommanderError } from 'commander';

export const EXIT = { ok: 0, failure: 1, invalidInput: 2 } as const;

/** A bad command-line argument or input file, named in the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Errors that mean "fix your input", by name: the CLI loads the simulator
 * only for the commands that run it, so it cannot import their classes here.
 */
const INPUT_ERRORS = new Set(['UsageError', 'ScenarioError', 'ResultsFileError', 'UnknownDesignError', 'SweepArgumentError', 'MergeError']);

export function isInputError(e: unknown): boolean {
  return e instanceof Error && INPUT_ERRORS.has(e.name);
}

/** Prints the error and gives the exit code. */
export function reportError(e: unknown, debug: boolean, stderr: (s: string) => void): number {
  if (e instanceof CommanderError) {
    // Commander printed its own message already; help and version are successes.
    return e.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
  }
  const message = e instanceof Error ? e.message : String(e);
  if (isInputError(e)) {
    stderr(`vmbsim: ${message}\n`);
    if (debug && e instanceof Error && e.stack !== undefined) stderr(`${e.stack}\n`);
    return EXIT.invalidInput;
  }
  stderr(`vmbsim: ${message}\n`);
  if (debug && e instanceof Error && e.stack !== undefined) stderr(`${e.stack}\n`);
  else stderr('(run again with --debug for the stack trace)\n');
  return EXIT.failure;
}
