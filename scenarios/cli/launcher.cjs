#!/usr/bin/env node
/**
 * The `vmbsim` command (package.json's bin) as `npm run build` writes it
 * (scenarios/cli/bundle.mjs copies this file to dist/cli/cli.js): it runs
 * the bundled command, vmbsim.cjs beside it, with V8's code cache; for
 * `vmbsim validate ...` it runs validate.cjs instead, the same program with
 * only that command (scenarios/cli/validate-program.ts), less than half of
 * the code to read, deserialise and initialise.
 *
 * Node 20 has no compile cache for modules (`module.enableCompileCache()`
 * comes with Node 22.1), and parsing and compiling the bundle's code was a
 * large part of the command's start-up. A script compiled with `vm.Script`
 * can be given the code V8 compiled on an earlier run (`cachedData`) and
 * skips that work. The cache is an optimisation only:
 * - it is a file beside the bundle, one per command (each command's first
 *   run writes the code it compiled), named after the bundle's content hash
 *   (BUNDLE_KEYS, filled in by the build) and the Node version and
 *   architecture, so a rebuilt bundle or another Node never reads it;
 * - it is written once, when missing, damaged or rejected by V8 (other V8
 *   flags), at exit, to a temporary file renamed into place, so a
 *   concurrent run reads a whole cache or none;
 * - it starts with the CRC-32 of the rest, checked before V8 sees it: V8
 *   checks the cache's header but not its payload, and a damaged payload
 *   would crash the process;
 * - an unreadable or unwritable directory (a read-only install) only means
 *   no cache: the command runs the same, compiling as it goes.
 * On a Node 20 without vm's main-context loader for dynamic `import()` or
 * zlib's crc32 (before 20.15), the bundle is required without a cache.
 *
 * The launcher is a CommonJS script (the build writes a package.json of
 * type commonjs into dist/cli): Node starts an ES module entry through its
 * ES module loader, which took some 10 ms more than a CommonJS one.
 */
'use strict';
const { Buffer } = require('node:buffer');
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const BUNDLE_KEYS = { '__BUNDLE_KEYS__': '' };
// Only the first argument decides: `vmbsim --debug validate x` runs the whole command, which gives the same output.
const bundleName = process.argv[2] === 'validate' ? 'validate.cjs' : 'vmbsim.cjs';
const bundle = join(__dirname, bundleName);
const requireFromBundle = createRequire(bundle);
const mainContextImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
const crc32 = zlib.crc32;

if (mainContextImport === undefined || typeof crc32 !== 'function') requireFromBundle(bundle);
else runCached();

function runCached() {
  const command = /^[a-z]{1,16}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const cacheFile = `${bundle}.${BUNDLE_KEYS[bundleName]}.${command}.${process.version}-${process.arch}.cache`;
  const cachedData = readCache(cacheFile);
  // Read as latin1: the build writes ASCII only (bundle.mjs checks), and decoding 1 MB of UTF-8 takes Node 20 10-20 ms.
  const source = readFileSync(bundle, 'latin1').replace(/^#!/, '//');
  // The bundle's CommonJS wrapper, as Node's own loader gives it (its first line keeps its number).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData, importModuleDynamically: mainContextImport });
  if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => saveCache(script, cacheFile));
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, requireFromBundle, module, bundle, dirname(bundle));
}

/** The cached code, or undefined when there is none, it cannot be read or its checksum is wrong. */
function readCache(cacheFile) {
  let file;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = file.subarray(4);
  return file.length > 4 && file.readUInt32BE(0) === crc32(data) ? data : undefined;
}

function saveCache(script, cacheFile) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    const header = Buffer.alloc(4);
    header.writeUInt32BE(crc32(data));
    writeFileSync(temporary, Buffer.concat([header, data]));
    renameSync(temporary, cacheFile);
  } catch {
    // A read-only directory: the next run compiles again.
    rmSync(temporary, { force: true });
  }
}
