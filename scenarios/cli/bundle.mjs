/**
 * Bundles the `vmbsim` command with esbuild: `node <outdir>/cli.js`.
 * - vmbsim.cjs: the whole command in one CommonJS file, run by the launcher
 *   (cli.js, from scenarios/cli/launcher.cjs) with V8's code cache: Node 20
 *   has no compile cache for modules, and resolving, reading, parsing and
 *   compiling code was most of the command's start-up (the ~330 modules of
 *   the tsc output one by one, then still a good part of it as a bundle).
 *   The code the report (d3) and the sweep need is in the file but only
 *   parsed lazily until a command runs it.
 * - validate.cjs: the same program with only `vmbsim validate`
 *   (scenarios/cli/validate-program.ts), which the launcher runs for that
 *   command: 0.5 MB instead of 1.26 MB, without the engine, the designs, the
 *   report and the sweep, so there is less to read, deserialise and
 *   initialise before a scenario file is checked.
 * - worker.mjs: the sweep's worker-thread entry, an ES module tinypool
 *   loads by URL; the sweep finds it beside the bundle
 *   (scenarios/sweep/run-sweep.ts, VMBSIM_SWEEP_WORKER).
 * - package.json: `type: commonjs`, for the launcher, cli.js: a CommonJS
 *   entry starts faster than an ES module one (launcher.cjs says why).
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
/**
 * Stand-ins that load a dependency on first use, for the command bundles.
 * - commander requires node:child_process at its top level, for executable
 *   subcommands (`program.command('x', 'description')`), which vmbsim does
 *   not have; Node compiles child_process (and net and dgram) on that
 *   require, some 3 ms of every start. commander only calls its `spawn`.
 * - The yaml package reads a scenario file only when it has issues or the
 *   fast reader declines it (scenarios/load.ts), and `list` reads titles
 *   with it; initialising its ~80 modules, and deserialising their code,
 *   was part of every start. The stand-in initialises the bundled package
 *   when scenarios/ first calls it (esbuild turns the require into the
 *   package's lazy CommonJS wrapper), and has the functions scenarios/
 *   imports: another import fails the build with "No matching export".
 */
const STAND_INS = {
  'child-process-on-first-use': "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  'yaml-on-first-use': `let yaml;
const real = () => (yaml ??= require('yaml'));
module.exports = {
  parse: (...args) => real().parse(...args),
  parseDocument: (...args) => real().parseDocument(...args),
  LineCounter: function LineCounter() { return new (real().LineCounter)(); },
  isAlias: (node) => real().isAlias(node),
  isMap: (node) => real().isMap(node),
  isScalar: (node) => real().isScalar(node),
  isSeq: (node) => real().isSeq(node),
};`,
};
const standIns = {
  name: 'stand-ins',
  setup(b) {
    const from = (dir, importer) => new RegExp(`[\\\\/]${dir}[\\\\/]`).test(importer);
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (from('commander', args.importer) ? { path: 'child-process-on-first-use', namespace: 'vmbsim' } : undefined));
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'file' && from('scenarios', args.importer) ? { path: 'yaml-on-first-use', namespace: 'vmbsim' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'vmbsim' }, (args) => ({ contents: STAND_INS[args.path], loader: 'js', resolveDir: root }));
  },
};
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
// The two command bundles: the whole command, and `validate` on its own (scenarios/cli/validate-program.ts).
const bundles = { 'vmbsim.cjs': join(root, 'scenarios', 'cli.ts'), 'validate.cjs': join(root, 'scenarios', 'cli', 'validate-entry.ts') };
for (const [name, entry] of Object.entries(bundles)) {
  await build({
    ...common,
    entryPoints: [entry],
    format: 'cjs',
    plugins: [standIns],
    outfile: join(outdir, name),
    // import.meta.url (the package root, the sweep's worker) is the bundle's own URL; the worker is an ES module (.mjs) in a CommonJS folder.
    define: { 'import.meta.url': 'importMetaUrl', VMBSIM_SWEEP_WORKER: '"./worker.mjs"' },
    inject: [join(here, 'import-meta-url.mjs')],
  });
}
await build({
  ...common,
  entryPoints: [join(root, 'scenarios', 'sweep', 'worker.ts')],
  format: 'esm',
  outfile: join(outdir, 'worker.mjs'),
  // CommonJS dependencies (seedrandom) call require() for Node's own modules.
  banner: { js: "import { createRequire as __vmbsimRequire } from 'node:module'; const require = __vmbsimRequire(import.meta.url);" },
});
// The launcher is CommonJS (launcher.cjs says why), and so is every .js file in this folder.
writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
// The launcher names each bundle's code caches after its content, so a rebuilt bundle never reads an old cache.
const keys = {};
for (const name of Object.keys(bundles)) {
  const bytes = readFileSync(join(outdir, name));
  if (bytes.some((b) => b > 0x7f)) throw new Error(`${name} is not ASCII: the launcher reads it as latin1`);
  keys[name] = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
const launcher = join(outdir, 'cli.js');
writeFileSync(launcher, readFileSync(join(here, 'launcher.cjs'), 'utf8').replace("{ '__BUNDLE_KEYS__': '' }", JSON.stringify(keys)));
chmodSync(launcher, 0o755);
