/** `vmbsim list`: the canonical scenarios (scenarios/library/*.yaml and the built-in ones), one line each: name, title. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
// A static import: a dynamic import('yaml') of this CommonJS package gives
// only `default` in the bundled command, and every file then "did not parse".
import { parse } from 'yaml';
import { packageRoot } from '../generator.js';
import type { Io } from './io.js';

export async function libraryScenarios(): Promise<{ name: string; title: string; file: string | null }[]> {
  const { BUILTIN_SCENARIOS } = await import('../scenario-source.js');
  const dir = join(packageRoot(), 'scenarios', 'library');
  const out = new Map<string, { name: string; title: string; file: string | null }>();
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x)).sort()) {
      const file = join(dir, f);
      let title = '';
      try {
        const doc = parse(readFileSync(file, 'utf8')) as { name?: unknown; title?: unknown } | null;
        title = typeof doc?.title === 'string' ? doc.title : '';
        out.set(basename(f).replace(/\.ya?ml$/, ''), { name: typeof doc?.name === 'string' ? doc.name : basename(f).replace(/\.ya?ml$/, ''), title, file });
      } catch {
        out.set(f, { name: f, title: '(does not parse: run vmbsim validate)', file });
      }
    }
  }
  for (const name of Object.keys(BUILTIN_SCENARIOS)) {
    if (!out.has(name)) out.set(name, { name, title: BUILTIN_SCENARIOS[name]!().compile().title, file: null });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function listCommand(program: Command, io: Io): void {
  program
    .command('list')
    .description('list the canonical scenarios: name and title, one per line')
    .action(async () => {
      const rows = await libraryScenarios();
      const width = Math.max(8, ...rows.map((r) => r.name.length)) + 2;
      for (const r of rows) io.stdout(`${r.name.padEnd(width)}${r.title}\n`);
    });
}
