/** The validate-only bundle's entry (scenarios/cli/bundle.mjs builds validate.cjs from it; see validate-program.ts). */
import { runAsProcess } from './command-line.js';
import { validateMain } from './validate-program.js';

runAsProcess(validateMain);
