import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildPackage, REPO, runCli, type Built, type CliResult } from './support/cli-build.js';

// One build for the file; every test runs the built CLI as a child process, as a user would.
let built: Built;
let work: string;
const cli = (...args: string[]): CliResult => runCli(built.cli, args, work);
const noStack = (r: CliResult): void => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);

beforeAll(() => {
  built = buildPackage('cli-e2e');
  work = mkdtempSync(join(tmpdir(), 'vmbsim-cli-'));
}, 120_000);

afterAll(() => built?.remove());

describe('vmbsim run', () => {
  let first: CliResult;
  beforeAll(() => {
    first = cli('run', 'default', '--out', 'a');
  }, 120_000);

  it('runs the default scenario, prints the comparison table and writes results.json and report.html', () => {
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/backup window, mean \(h\)\s+0\.20\s+0\.39\s+17\.98/);
    expect(first.stdout).toMatch(/agents-22h\s+proxy-vadp-cbt\s+near-cdp-15min/);
    expect(readdirSync(join(work, 'a')).sort()).toEqual(['report.html', 'results.json']);
    expect(JSON.parse(readFileSync(join(work, 'a', 'results.json'), 'utf8'))).toMatchObject({ schemaVersion: 2, kind: 'run', seed: 1 });
    // No progress bar when stderr is not a terminal.
    expect(first.stderr).toBe('');
  });

  it('writes byte-identical results.json for the same scenario and seed', () => {
    expect(cli('run', 'default', '--out', 'b').status).toBe(0);
    expect(readFileSync(join(work, 'b', 'results.json'), 'utf8')).toBe(readFileSync(join(work, 'a', 'results.json'), 'utf8'));
  });

  it('goes on quietly when whoever reads its output stops early, and still writes its files', async () => {
    // The idea: a reader that leaves early (`vmbsim run default --json | head -c 1`)
    // closes the pipe long before the ~1 MB results document is printed; every
    // write then fails with EPIPE. The run must still finish, write its files
    // and exit 0, with nothing on stderr (no unhandled-error stack trace).
    const child = spawn(process.execPath, [built.cli, 'run', 'default', '--json', '--out', 'piped'], { cwd: work, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(existsSync(join(work, 'piped', 'results.json'))).toBe(true);
    expect(existsSync(join(work, 'piped', 'report.html'))).toBe(true);
  }, 120_000);

  it('prints the results file with --json, and runs only the designs asked for', () => {
    const r = cli('run', 'default', '--seed', '3', '--design', 'proxy-vadp-cbt', '--json', '--out', 'c');
    expect(r.status).toBe(0);
    const parsed = JSON.parse(r.stdout) as { seed: number; designs: { design: string }[] };
    expect(parsed.seed).toBe(3);
    expect(parsed.designs.map((d) => d.design)).toEqual(['proxy-vadp-cbt']);
    expect(r.stdout).toBe(readFileSync(join(work, 'c', 'results.json'), 'utf8'));
  });

  it('exits 2 naming a bad argument, with no stack trace, and writes nothing', () => {
    for (const args of [['run', 'default', '--bogus'], ['run', 'default', '--design', 'nope', '--out', 'bad'], ['run', 'no-such-scenario.yaml', '--out', 'bad'], ['frobnicate']]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      noStack(r);
    }
    expect(cli('run', 'default', '--design', 'nope', '--out', 'bad').stderr).toMatch(/unknown design "nope": the scenario has agents-22h, proxy-vadp-cbt, near-cdp-15min/);
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });

  it('has --help on every command', () => {
    for (const c of ['run', 'validate', 'list', 'report', 'sweep', 'merge']) {
      const r = cli(c, '--help');
      expect(r.status, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`Usage: vmbsim ${c}`));
    }
  });
});

describe('vmbsim validate, list and report', () => {
  it('validates a good scenario, and reports a bad one as file:line:col with exit 2', () => {
    expect(cli('validate', 'default')).toMatchObject({ status: 0, stdout: 'default: ok\n' });
    writeFileSync(join(work, 'broken.yaml'), 'name: x\nhosts: [\n');
    const r = cli('validate', 'default', join(work, 'broken.yaml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+.*: /);
    noStack(r);
  });

  it('lists the canonical scenarios, one line each: name and title', () => {
    const r = cli('list');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^default\s+\S.*$/m);
    // Every library file is listed under its name with its title, none as unparseable.
    const files = readdirSync(join(REPO, 'scenarios', 'library')).filter((f) => f.endsWith('.yaml'));
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(files.length);
    for (const f of files) {
      const { name, title } = parse(readFileSync(join(REPO, 'scenarios', 'library', f), 'utf8')) as { name: string; title: string };
      expect(lines.some((l) => l.startsWith(`${name} `) && l.trimEnd().endsWith(` ${title}`) && l.slice(name.length).trim() === title)).toBe(true);
    }
    expect(r.stdout).not.toContain('does not parse');
  });

  it('writes a report of results files, and refuses a results file of another schema version', () => {
    expect(cli('run', 'default', '--design', 'proxy-vadp-cbt', '--out', 'r').status).toBe(0);
    const ok = cli('report', join(work, 'r', 'results.json'), join(work, 'a', 'results.json'), '--out', join(work, 'r', 'both.html'));
    expect(ok.status).toBe(0);
    expect(readFileSync(join(work, 'r', 'both.html'), 'utf8')).toMatch(/<html/i);
    writeFileSync(join(work, 'v1.json'), JSON.stringify({ schemaVersion: 1, kind: 'run', designs: [] }));
    const old = cli('report', join(work, 'v1.json'), '--out', join(work, 'v1.html'));
    expect(old.status).toBe(2);
    expect(old.stderr).toContain(`${join(work, 'v1.json')}: results schema version 1 found, version 2 expected`);
    expect(existsSync(join(work, 'v1.html'))).toBe(false);
  });
});

describe('vmbsim sweep and merge', () => {
  const sweep = ['sweep', 'default', '--seeds', '1..3', '--vary', 'days=2', '--design', 'proxy-vadp-cbt'];

  it('merges --shard 0/2 and 1/2 slices into byte-for-byte the unsharded sweep', () => {
    expect(cli(...sweep, '--workers', '2', '--out', 'sw').status).toBe(0);
    expect(cli(...sweep, '--shard', '0/2', '--out', 'sh').status).toBe(0);
    expect(cli(...sweep, '--shard', '1/2', '--out', 'sh').status).toBe(0);
    const slices = readdirSync(join(work, 'sh')).sort();
    expect(slices).toEqual(['results.shard-0-of-2.json', 'results.shard-1-of-2.json']);
    const merged = cli('merge', ...slices.map((s) => join(work, 'sh', s)), '--out', join(work, 'merged.json'));
    expect(merged.status).toBe(0);
    expect(readFileSync(join(work, 'merged.json'), 'utf8')).toBe(readFileSync(join(work, 'sw', 'results.json'), 'utf8'));
    const file = JSON.parse(readFileSync(join(work, 'merged.json'), 'utf8')) as { kind: string; points: { runs: unknown[]; aggregate: unknown[] }[] };
    expect(file.kind).toBe('sweep');
    expect(file.points[0]!.runs.length).toBe(3);
  }, 120_000);

  it('exits 2 on bad sweep arguments, naming them', () => {
    for (const [arg, value] of [['--seeds', '3..1'], ['--shard', '2/2'], ['--workers', 'many'], ['--vary', 'days']]) {
      const r = cli('sweep', 'default', arg!, value!, '--out', 'nope');
      expect(r.status, `${arg} ${value}`).toBe(2);
      expect(r.stderr).toContain(arg);
      noStack(r);
    }
    const partial = cli('merge', join(work, 'sh', 'results.shard-0-of-2.json'), '--out', join(work, 'nope.json'));
    expect(partial.status).toBe(2);
    expect(partial.stderr).toContain('missing shard 1/2');
    expect(existsSync(join(work, 'nope'))).toBe(false);
  });
});

describe('the package entry', () => {
  it("imports { loadScenario, simulate } from 'vmbsim' through the package name", () => {
    // A project with vmbsim in its node_modules: package.json as published, dist as built.
    const project = mkdtempSync(join(tmpdir(), 'vmbsim-user-'));
    const pkg = join(project, 'node_modules', 'vmbsim');
    mkdirSync(pkg, { recursive: true });
    copyFileSync(join(REPO, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(built.dist, join(pkg, 'dist'), 'dir');
    writeFileSync(
      join(project, 'main.mjs'),
      "import { loadScenario, simulate, resultsJson } from 'vmbsim';\n" +
        "const r = simulate(loadScenario('default'), { seed: 1, designs: ['proxy-vadp-cbt'] });\n" +
        'console.log(JSON.stringify({ kind: r.kind, designs: r.designs.map((d) => d.design), bytes: resultsJson(r).length }));\n',
    );
    const r = spawnSync(process.execPath, ['main.mjs'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'run', designs: ['proxy-vadp-cbt'] });
  });
});
