/**
 * Builds the package once per test file the way `npm run build` does (tsc -p
 * tsconfig.build.json for the library, then the esbuild bundle of the command
 * that package.json's `bin` names) into .test-build/<name>/dist inside the
 * repository, so the built files find the repository's package.json and
 * node_modules, and runs the CLI (the bundle, as users run it) as a real
 * child process. A type error elsewhere in the tree does not stop emit: the
 * type check reports it on its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');

export interface Built {
  dist: string;
  cli: string;
  remove(): void;
}

export function buildPackage(name: string): Built {
  const root = join(REPO, '.test-build', name);
  const dist = join(root, 'dist');
  rmSync(root, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'tsconfig.build.json'), '--outDir', dist, '--sourceMap', 'false', '--declarationMap', 'false'], { encoding: 'utf8' });
  if (!existsSync(join(dist, 'scenarios', 'index.js'))) throw new Error(`build failed:\n${tsc.stdout}${tsc.stderr}`);
  return { dist, cli: bundleInto(dist), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Only the command's bundle (esbuild, straight from the sources, no type check), in .test-build/<name>/dist/cli. */
export function bundleCli(name: string): Built {
  const root = join(REPO, '.test-build', name);
  const dist = join(root, 'dist');
  rmSync(root, { recursive: true, force: true });
  return { dist, cli: bundleInto(dist), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs the build's bundle step (scenarios/cli/bundle.mjs) into dist/cli; returns the command's path. */
function bundleInto(dist: string): string {
  const bundle = spawnSync(process.execPath, [join(REPO, 'scenarios', 'cli', 'bundle.mjs'), join(dist, 'cli')], { encoding: 'utf8' });
  const cli = join(dist, 'cli', 'cli.js');
  if (bundle.status !== 0 || !existsSync(cli)) throw new Error(`bundle failed:\n${bundle.stdout}${bundle.stderr}`);
  return cli;
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(cli: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', ...env }, timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
