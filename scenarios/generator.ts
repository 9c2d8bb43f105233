/** Who wrote a results file (vmbsim and its package.json version), and where the package is (found by walking up from this module). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Generator } from './results-file.js';

let cached: { root: string; version: string } | null = null;

function find(): { root: string; version: string } {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vmbsim' && typeof pkg.version === 'string') return (cached = { root: dir, version: pkg.version });
    }
    dir = dirname(dir);
  }
  throw new Error(`vmbsim: no package.json of vmbsim above ${fileURLToPath(import.meta.url)}`);
}

export function generator(): Generator {
  return { name: 'vmbsim', version: find().version };
}

/** The package's root directory (where package.json and scenarios/library/ are). */
export function packageRoot(): string {
  return find().root;
}
