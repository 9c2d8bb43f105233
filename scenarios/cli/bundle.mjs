/**
 * Bundles the `vmbsim` command with esbuild: `node <outdir>/cli.js`.
 * - vmbsim.cjs: the whole command in one CommonJS file, run by the launcher
 *   (cli.js, from scenarios/cli/launcher.mjs) with V8's code cache: Node 20
 *   has no compile cache for modules, and resolving, reading, parsing and
 *   compiling code was most of the command's start-up (the ~330 modules of
 *   the tsc output one by one, then still a good part of it as a bundle).
 *   The code the report (d3) and the sweep need is in the file but only
 *   parsed lazily until a command runs it.
 * - worker.js: the sweep's worker-thread entry, an ES module tinypool loads
 *   by URL; the sweep finds it beside the bundle.
 * tinypool stays external: it starts its threads from its own files.
 * White space and syntax are minified (less to read and parse at start-up);
 * names are kept, so a `--debug` stack trace still reads.
 *
 * Usage: node scenarios/cli/bundle.mjs [outdir] (default dist/cli).
 */
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const outdir = resolve(process.argv[2] ?? join(root, 'dist', 'cli'));
rmSync(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['tinypool'],
  minifyWhitespace: true,
  minifySyntax: true,
  // Non-ASCII characters are escaped (esbuild's default, stated): the launcher reads the bundle as latin1.
  charset: 'ascii',
  logLevel: 'warning',
};
const bundle = join(outdir, 'vmbsim.cjs');
await build({
  ...common,
  entryPoints: [join(root, 'scenarios', 'cli.ts')],
  format: 'cjs',
  outfile: bundle,
  // import.meta.url (the package root, the sweep's worker.js) is the bundle's own URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: [join(here, 'import-meta-url.mjs')],
});
await build({
  ...common,
  entryPoints: [join(root, 'scenarios', 'sweep', 'worker.ts')],
  format: 'esm',
  outfile: join(outdir, 'worker.js'),
  // CommonJS dependencies (seedrandom) call require() for Node's own modules.
  banner: { js: "import { createRequire as __vmbsimRequire } from 'node:module'; const require = __vmbsimRequire(import.meta.url);" },
});
const bytes = readFileSync(bundle);
if (bytes.some((b) => b > 0x7f)) throw new Error(`${bundle} is not ASCII: the launcher reads it as latin1`);
// The launcher names its code cache after the bundle's content, so a rebuilt bundle never reads an old cache.
const key = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const launcher = join(outdir, 'cli.js');
writeFileSync(launcher, readFileSync(join(here, 'launcher.mjs'), 'utf8').replace("'__BUNDLE_KEY__'", JSON.stringify(key)));
chmodSync(launcher, 0o755);
