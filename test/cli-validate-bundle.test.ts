import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, REPO, runCli, type Built } from './support/cli-build.js';

// `vmbsim validate` runs from its own bundle (validate.cjs, scenarios/cli/validate-program.ts);
// these tests hold it to the whole command's bundle (vmbsim.cjs, run directly), output for output.
let built: Built;
let work: string;

beforeAll(() => {
  built = bundleCli('cli-validate-bundle');
  work = mkdtempSync(join(tmpdir(), 'vmbsim-validate-'));
  const library = readFileSync(join(REPO, 'scenarios', 'library', 'default.yaml'), 'utf8');
  writeFileSync(join(work, 'syntax.yaml'), 'name: x\nhosts:\n  - name: a\n   cores: 3\n');
  writeFileSync(join(work, 'unknown-key.yaml'), library.replace(/^name: /m, 'nmae: x\nname: '));
  writeFileSync(join(work, 'bad-reference.yaml'), library.replace('{ kind: vm, machine: sql-11,', '{ kind: vm, machine: sql-99,'));
  writeFileSync(join(work, 'empty.yaml'), '');
  writeFileSync(join(work, 'scenario.json'), JSON.stringify({ name: 'j', hosts: [{ name: 'h', cores: 'many' }], datastores: [], designs: [] }));
  // Anchors and aliases: the fast reader declines them and the yaml package reads the file.
  writeFileSync(join(work, 'aliases.yaml'), library.replace(/^seed: 1$/m, 'seed: &three 3').replace(/^days: 3$/m, 'days: *three'));
  mkdirSync(join(work, 'a-folder'));
}, 120_000);

afterAll(() => built?.remove());

const viaLauncher = (args: string[]) => runCli(built.cli, args, work);
const wholeCommand = (args: string[]) => runCli(join(built.dist, 'cli', 'vmbsim.cjs'), args, work);

describe('the validate-only bundle', () => {
  it('is what the launcher runs for `vmbsim validate` (its code cache is written beside it)', () => {
    expect(viaLauncher(['validate', 'default'])).toMatchObject({ status: 0, stdout: 'default: ok\n', stderr: '' });
    expect(readdirSync(join(built.dist, 'cli')).some((f) => /^validate\.cjs\..*\.validate\..*\.cache$/.test(f))).toBe(true);
  });

  it('gives the output and exit code of the whole command on every library scenario', () => {
    const names = readdirSync(join(REPO, 'scenarios', 'library')).filter((f) => f.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(0);
    for (const f of names) {
      const args = ['validate', join(REPO, 'scenarios', 'library', f)];
      expect(viaLauncher(args), f).toEqual(wholeCommand(args));
    }
  });

  it('gives the output and exit code of the whole command on invalid files, bad arguments and help', () => {
    const cases = [
      ['validate', 'syntax.yaml'],
      ['validate', 'unknown-key.yaml'],
      ['validate', 'bad-reference.yaml'],
      ['validate', 'empty.yaml'],
      ['validate', 'scenario.json'],
      ['validate', 'aliases.yaml'],
      ['validate', 'a-folder'],
      ['validate', 'no-such-file.yaml'],
      ['validate', 'default', 'cdp-rpo', 'syntax.yaml', 'bad-reference.yaml'],
      ['validate', '--debug', 'syntax.yaml'],
      ['validate', 'syntax.yaml', '--debug'],
      ['validate'],
      ['validate', '--help'],
      ['validate', '--version'],
      ['validate', '--no-such-option', 'default'],
    ];
    for (const args of cases) {
      const launched = viaLauncher(args);
      expect(launched, args.join(' ')).toEqual(wholeCommand(args));
      expect(launched.stdout + launched.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(work, 'out'))).toBe(false);
  });
});
