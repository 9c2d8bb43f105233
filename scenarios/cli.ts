#!/usr/bin/env node
/** The `vmbsim` command's entry (package.json bin); the commands are in scenarios/cli/. */
import { main } from './cli/program.js';

// With no command, `vmbsim` (and `npm start`) runs the built-in default scenario.
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
