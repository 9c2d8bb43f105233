/**
 * Bundles the `vmbsim` command (and the sweep's worker-thread entry) with
 * esbuild into a few files: `node <outdir>/cli.js`. Node 20 has no compile
 * cache, and resolving, reading and compiling the ~330 modules of the tsc
 * output one by one was most of the command's start-up time; a bundle loads
 * in a fraction of it. Code split at the dynamic imports (the report and d3,
 * the sweep), so a command loads only what it runs. tinypool stays external:
 * it starts its threads from its own files. The sweep's pool finds
 * `worker.js` beside the chunk that starts it, so every file lands flat in
 * one directory. White space and syntax are minified (a quarter less to
 * parse at start-up); names are kept, so a `--debug` stack trace still
 * reads.
 *
 * Usage: node scenarios/cli/bundle.mjs [outdir] (default dist/cli).
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = resolve(process.argv[2] ?? join(root, 'dist', 'cli'));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'scenarios', 'cli.ts'), join(root, 'scenarios', 'sweep', 'worker.ts')],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  entryNames: '[name]',
  external: ['tinypool'],
  // CommonJS dependencies (commander, seedrandom) call require() for Node's own modules.
  banner: { js: "import { createRequire as __vmbsimRequire } from 'node:module'; const require = __vmbsimRequire(import.meta.url);" },
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
