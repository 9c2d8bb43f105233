/**
 * `vmbsim validate ...` on its own: the program with only the validate
 * command, which the launcher runs (from its own bundle, validate.cjs) when
 * the first argument is `validate`. The full command's bundle holds the
 * simulator, the report and the sweep; loading them, even lazily, was most
 * of a validation's start-up. With `validate` first, commander dispatches
 * to the validate command whatever else is registered, so the output is the
 * same (test/cli-validate-bundle.test.ts compares them).
 */
import { runCommandLine } from './command-line.js';
import { processIo, type Io } from './io.js';
import { validateCommand } from './validate-command.js';

export function validateMain(argv: readonly string[], io: Io = processIo): Promise<number> {
  return runCommandLine(argv, io, [validateCommand]);
}
