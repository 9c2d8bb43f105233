import { describe, expect, test } from 'vitest';
import { loadScenarioFile, parseScenarioText } from '../scenarios/load.js';
import { formatIssue } from '../scenarios/issues.js';

const dir = 'test/fixtures/scenarios';

function issuesOf(r: ReturnType<typeof parseScenarioText>): string[] {
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.issues.map(formatIssue);
}

const MINIMAL = 'name: x\nhosts: [{name: h1}]\ndatastores: [{name: d, kind: san}]\ndesigns: [{name: a, kind: agent}]\n';

describe('scenario file errors name the file, line, column and path', () => {
  test('wrong types, unknown keys, unknown kinds and absurd sizes are all reported at once', () => {
    expect(issuesOf(loadScenarioFile(`${dir}/dense-bad.yaml`))).toEqual([
      `${dir}/dense-bad.yaml:5:5 hosts[0].corse: unknown key "corse" (did you mean "cores"?)`,
      `${dir}/dense-bad.yaml:8:12 hosts[1].clock: must be a clock rate like "2.5 GHz" (a plain number is GHz), got "fast"`,
      `${dir}/dense-bad.yaml:11:11 datastores[0].kind: must be one of local, san, nfs, got "sann" (did you mean "san"?)`,
      `${dir}/dense-bad.yaml:12:11 datastores[0].iops: must be a positive number, got "fast"`,
      `${dir}/dense-bad.yaml:16:15 datastores[1].capacity: must be at most 1 EiB, got "10 EiB"`,
      `${dir}/dense-bad.yaml:21:12 fleets[0].count: must be at most 100000, got 10000000`,
      `${dir}/dense-bad.yaml:22:21 fleets[0].disks[0].size: must be at most 64 TiB (the VHDX maximum), got "10 EiB"`,
      `${dir}/dense-bad.yaml:29:22 designs[1].kind: must be one of proxy-image, agent, cdp, got "proxy-imag" (did you mean "proxy-image"?)`,
    ]);
  });

  test('references to hosts, datastores, proxies, targets and machines that do not exist are reported with suggestions', () => {
    expect(issuesOf(loadScenarioFile(`${dir}/refs-bad.yaml`))).toEqual([
      `${dir}/refs-bad.yaml:8:43 datastores[1].hosts[0]: no host "esx-09" (did you mean "esx-01"?)`,
      `${dir}/refs-bad.yaml:10:39 proxies[0].san[0]: local-1 is a local datastore, not a SAN one`,
      `${dir}/refs-bad.yaml:10:48 proxies[0].san[1]: no datastore "san-2" (did you mean "san-1"?)`,
      `${dir}/refs-bad.yaml:11:48 proxies[1].host: no host "esx-3" (did you mean "esx-01"?)`,
      `${dir}/refs-bad.yaml:16:11 fleets[0].name: unknown token {x} (tokens: {i}, {i0}, {h}, {h0}, {s}, {s0}, {host})`,
      `${dir}/refs-bad.yaml:20:26 fleets[1].placement.hosts[0]: no host "esx-1" (did you mean "esx-01"?)`,
      `${dir}/refs-bad.yaml:24:40 fleets[2].disks[0].datastore: no datastore "san-2" (did you mean "san-1"?)`,
      `${dir}/refs-bad.yaml:26:15 fleets[3].platform: no host runs xenserver-7.3`,
      `${dir}/refs-bad.yaml:29:13 physicalServers[0].name: machine "app-1" is defined twice`,
      `${dir}/refs-bad.yaml:31:48 designs[0].options.target: no target "repo-2" (did you mean "repo"?)`,
      `${dir}/refs-bad.yaml:32:13 designs[1].name: design "a" is defined twice`,
      `${dir}/refs-bad.yaml:32:69 designs[1].options.proxies[0]: no proxy "p3" (did you mean "p1"?)`,
      `${dir}/refs-bad.yaml:35:39 drills[1].at: is after the end of the run (days: 3)`,
      `${dir}/refs-bad.yaml:37:16 tapeCopies[0].library: repo is not a tape target`,
    ]);
  });

  test('only a proxy image design may name a tape library as its target', () => {
    const text = `${MINIMAL}targets: [{ name: lib, kind: tape, generation: LTO-7 }]\nproxies: [{ name: p, kind: physical }]\n`;
    const withDesigns = (designs: string) => text.replace('designs: [{name: a, kind: agent}]', `designs: ${designs}`);
    expect(parseScenarioText(withDesigns('[{name: a, kind: proxy-image, options: {target: lib}}]'), 't.yaml').ok).toBe(true);
    expect(issuesOf(parseScenarioText(withDesigns('[{name: a, kind: agent, options: {target: lib}}]'), 't.yaml'))).toEqual([
      't.yaml:4:52 designs[0].options.target: lib is a tape library: agent designs write to a disk or dedupe-appliance target (only proxy-image writes straight to tape; tape copies go in tapeCopies)',
    ]);
  });

  test('a proxy image design names the platforms it supports from the known versions', () => {
    const withOptions = (options: string) => MINIMAL.replace('designs: [{name: a, kind: agent}]', `designs: [{name: a, kind: proxy-image, options: ${options}}]`);
    expect(parseScenarioText(withOptions('{platforms: [vsphere-4, hyperv-2008r2]}'), 'p.yaml').ok).toBe(true);
    expect(issuesOf(parseScenarioText(withOptions('{platforms: [vsphere-4, hyperv-2008]}'), 'p.yaml'))).toEqual([
      'p.yaml:4:73 designs[0].options.platforms[1]: must be one of vsphere-3.5, vsphere-4, hyperv-2008r2, hyperv-2016, xenserver-5.6, xenserver-7.3, physical, got "hyperv-2008" (did you mean "hyperv-2008r2"?)',
    ]);
  });

  test('faults: a misspelt kind, a bad chunk or point, an unknown machine, a time after the run and a block named twice', () => {
    const fleet = `${MINIMAL}fleets: [{ name: vm-1, disks: [{ size: 40 GiB }] }]\nfaults:\n`;
    const malformed = `${fleet}  - { kind: corrupt-blok, machine: vm-1, at: "1d" }\n  - { kind: corrupt-block, machine: vm-1, at: 3600, chunk: -1, point: newest }\n`;
    expect(issuesOf(parseScenarioText(malformed, 'f.yaml'))).toEqual([
      'f.yaml:7:13 faults[0].kind: must be one of corrupt-block, got "corrupt-blok" (did you mean "corrupt-block"?)',
      'f.yaml:8:60 faults[1].chunk: must be a whole number >= 0, got -1',
      'f.yaml:8:71 faults[1].point: must be "latest" or { atOrBefore: time }, got "newest"',
    ]);
    const unresolved = `${fleet}  - { kind: corrupt-block, machine: vm-2, at: "9d" }\n  - { kind: corrupt-block, machine: vm-1, at: 3600, file: largest, chunk: 3 }\n`;
    expect(issuesOf(parseScenarioText(unresolved, 'f.yaml'))).toEqual([
      'f.yaml:7:37 faults[0].machine: no machine "vm-2" (did you mean "vm-1"?)',
      'f.yaml:7:47 faults[0].at: is after the end of the run (days: 7)',
      'f.yaml:8:59 faults[1].file: name the block by file, or by disk and chunk, not both',
    ]);
  });

  test('a drill on an unknown machine and a VM on an unknown datastore are reported once the fleets expand', () => {
    const text = `${MINIMAL}fleets:\n  - { name: "vm-{i}", count: 3, disks: [{ size: 40 GiB, datastore: dd }] }\ndrills:\n  - { kind: app-item, machine: vm-4, at: 3600 }\n`;
    expect(issuesOf(parseScenarioText(text, 'm.yaml'))).toEqual([
      'm.yaml:6:68 fleets[0].disks[0].datastore: no datastore "dd" (did you mean "d"?)',
      'm.yaml:8:32 drills[0].machine: no machine "vm-4" (did you mean "vm-1"?)',
    ]);
  });

  test('a missing required key points at the mapping that lacks it', () => {
    expect(issuesOf(parseScenarioText('name: x\ndatastores: []\ndesigns:\n  - kind: cdp\n', 'r.yaml'))).toEqual([
      'r.yaml:1:1 hosts: is required',
      'r.yaml:4:5 designs[0].name: is required',
    ]);
  });

  test('units: human and plain values are accepted, malformed ones are refused with the expected form', () => {
    const text = `name: x\nchunkSize: 3 MiB\nhosts: [{name: h1, nic: 10 Gbit/z, storageLink: 2 GB/s}]\ndatastores: [{name: d, kind: san, latency: 1 hour and a bit}]\ndesigns: [{name: a, kind: cdp, options: {syncInterval: 16 min}}]\n`;
    expect(issuesOf(parseScenarioText(text, 'u.yaml'))).toEqual([
      'u.yaml:2:12 chunkSize: must be a power of two like "1 MiB" or "4 MiB", got "3 MiB"',
      'u.yaml:3:25 hosts[0].nic: must be a rate like "500 MB/s" or "1 Gbit/s" (a plain number is bytes/s), got "10 Gbit/z" (unknown unit "Gbit/z")',
      'u.yaml:4:44 datastores[0].latency: must be a latency like "0.5 ms" (a plain number is ms), got "1 hour and a bit"',
      "u.yaml:5:56 designs[0].options.syncInterval: must be one of DPM's intervals 15 min, 30 min, 45 min, 60 min, 120 min, 240 min, 360 min, 720 min, 1440 min, got \"16 min\"",
    ]);
  });

  test('a vary key that names nothing, and a vary value that breaks the scenario, are reported at the vary entry', () => {
    const text = `${MINIMAL}vary:\n  designs[3].options.dedupe: [none]\n  designs[0].options.dedupe: [source, sideways]\n`;
    expect(issuesOf(parseScenarioText(text, 'v.yaml'))).toEqual([
      'v.yaml:6:3 vary.designs[3].options.dedupe: designs[3] does not exist (the list has 1)',
      'v.yaml:7:39 vary.designs[0].options.dedupe[1]: with this value, designs[0].options.dedupe: must be one of none, source, target, got "sideways"',
    ]);
  });
});

describe('hostile input gives issues, never an exception or a hang', () => {
  test('__proto__ and constructor keys are unknown keys and pollute nothing', () => {
    const r = parseScenarioText(`${MINIMAL}__proto__: { polluted: true }\nconstructor: 1\n`, 'p.yaml');
    expect(issuesOf(r)).toEqual(['p.yaml:5:1 __proto__: unknown key "__proto__"', 'p.yaml:6:1 constructor: unknown key "constructor"']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('YAML aliases that expand exponentially are refused', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    expect(issuesOf(parseScenarioText(`${MINIMAL}${lines.join('\n')}\n`, 'l.yaml'))).toEqual([
      'l.yaml:1:1: YAML aliases expand too far (at most 1000 alias uses): Excessive alias count indicates a resource exhaustion attack',
    ]);
  });

  test('bytes that are not UTF-8 are refused with their position', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('name: x\ntitle: caf'), 0xe9, ...new TextEncoder().encode(' au lait\n')]);
    expect(issuesOf(parseScenarioText(bytes, 'b.yaml'))).toEqual(['b.yaml:2:11: the file is not UTF-8: byte 0xe9 at offset 18 cannot start or continue a character']);
  });

  test('malformed YAML, duplicate keys, an empty file, a bare number and deep nesting each give one clear issue', () => {
    expect(issuesOf(parseScenarioText('name: x\nhosts:\n  - name: a\n   cores: 3\n', 's.yaml'))).toEqual(['s.yaml:4:1: Sequence item without - indicator']);
    expect(issuesOf(parseScenarioText('name: x\nname: y\n', 'd.yaml'))).toEqual(['d.yaml:2:1: Map keys must be unique']);
    expect(issuesOf(parseScenarioText('', 'e.yaml'))).toEqual(['e.yaml:1:1: the file holds no scenario (it is empty)']);
    expect(issuesOf(parseScenarioText('42', 'n.json'))).toEqual(['n.json:1:1: must be a mapping of name, title, description, claims, ..., got 42']);
    const deep = parseScenarioText(`name: ${'['.repeat(100)}${']'.repeat(100)}\n`, 'deep.yaml');
    expect(issuesOf(deep)).toEqual(['deep.yaml:1:1: the document is nested more than 64 levels deep']);
  });

  test('JSON scenarios get positions too', () => {
    const json = '{"name": "x", "hosts": [{"name": "h", "cores": "many"}], "datastores": [], "designs": []}';
    expect(issuesOf(parseScenarioText(json, 'j.json'))).toEqual(['j.json:1:48 hosts[0].cores: must be a whole number, got "many"', 'j.json:1:87 designs: must list at least one design']);
  });

  test('a file that cannot be read is an issue', () => {
    expect(issuesOf(loadScenarioFile(`${dir}/no-such-file.yaml`))[0]).toMatch(/no-such-file.yaml:1:1: cannot read the file/);
  });
});
