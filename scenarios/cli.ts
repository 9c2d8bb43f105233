#!/usr/bin/env node
/** The `vmbsim` command's entry (package.json bin); the commands are in scenarios/cli/. */
import { runAsProcess } from './cli/command-line.js';
import { main } from './cli/program.js';

runAsProcess(main);
