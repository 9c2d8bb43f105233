/** `vmbsim validate <file...>`: check scenario files without running them; every issue as `file:line:col path: message`. */
import type { Command } from 'commander';
import { EXIT } from './errors.js';
import type { Io } from './io.js';

export function validateCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check scenario files; print every issue as file:line:col path: message')
    .argument('<file...>', 'scenario files')
    .action(async (files: string[]) => {
      const { formatIssue, validateScenario } = await import('../scenario-source.js');
      let bad = 0;
      for (const file of files) {
        const issues = validateScenario(file);
        if (issues.length === 0) io.stdout(`${file}: ok\n`);
        else {
          bad++;
          for (const i of issues) io.stderr(`${formatIssue(i)}\n`);
        }
      }
      if (bad > 0) {
        io.stderr(`${bad} of ${files.length} scenario file${files.length > 1 ? 's' : ''} invalid\n`);
        setExit(EXIT.invalidInput);
      }
    });
}
