import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under a folder, recursively. */
function sources(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sources(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)].map((m) => m[1]!);
}

describe('the layering of DESIGN.md ("How data flows")', () => {
  it('keeps sim/ free of strategies and scenarios', () => {
    const offenders = sources('sim').flatMap((f) => importsOf(f).filter((i) => /\/(strategies|scenarios|reports)\//.test(i)).map((i) => `${f} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('keeps reports/ reading results only: nothing from the engine, the strategies or the scenarios', () => {
    const offenders = sources('reports').flatMap((f) => importsOf(f).filter((i) => /\/(sim|strategies|scenarios)\//.test(i)).map((i) => `${f} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('keeps strategies/ from importing scenarios or reports', () => {
    const offenders = sources('strategies').flatMap((f) => importsOf(f).filter((i) => /\/(scenarios|reports)\//.test(i)).map((i) => `${f} imports ${i}`));
    expect(offenders).toEqual([]);
  });
});
