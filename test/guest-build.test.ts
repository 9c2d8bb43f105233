import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { RandomStreams } from '../sim/engine/random.js';
import { ContentSpace } from '../sim/disk/content-space.js';
import { TemplatePool } from '../sim/disk/template-pool.js';
import { GIB, MIB } from '../sim/disk/units.js';
import { buildGuest, type GuestSpec } from '../sim/guest/build-guest.js';

function context() {
  const space = new ContentSpace(MIB);
  return { space, pool: new TemplatePool(space), streams: new RandomStreams(7) };
}

const base: GuestSpec = {
  name: 'fs-01',
  template: 'win2008r2',
  tools: 'vmware-tools',
  disks: [{ provisionedBytes: 40 * GIB, appDataBytes: 2 * GIB }, { provisionedBytes: 100 * GIB, appDataBytes: 30 * GIB }],
  applications: [{ kind: 'file-server' }],
};

describe('building a guest', () => {
  it('lays files over every used chunk of every disk, without overlap', () => {
    const g = buildGuest(base, context());
    expect(g.osFamily).toBe('windows');
    const files = g.filesystem.files();
    expect(files[0]!.path).toBe('C:\\os\\f00000');
    expect(files.some((f) => f.path.startsWith('D:\\data\\'))).toBe(true);
    for (const [i, disk] of g.disks.entries()) {
      const chunks = files.filter((x) => x.diskIndex === i).flatMap((f) => Array.from(f.chunks));
      expect(new Set(chunks).size).toBe(chunks.length);
      expect(chunks.length).toBe(disk.sizes().usedChunks);
    }
  });

  it('lets a restored file be checked content id for content id', () => {
    const g = buildGuest(base, context());
    const recoveryPoint = g.disks.map((d) => d.freeze());
    g.advance(0, 3 * 86400);
    const files = g.filesystem.files();
    const changed = files.find((f) => f.chunks.some((c) => g.disks[f.diskIndex]!.contentAt(c) !== recoveryPoint[f.diskIndex]!.contentAt(c)))!;
    expect(changed).toBeDefined();
    // A correct restore returns the recovery point's content; the live file has moved on.
    const restored = g.filesystem.readFile(changed.path, recoveryPoint);
    expect(g.filesystem.checkFile(changed.path, recoveryPoint, restored)).toMatchObject({ kind: 'identical' });
    const live = g.filesystem.readFile(changed.path, g.disks);
    const check = g.filesystem.checkFile(changed.path, recoveryPoint, live);
    expect(check.kind).toBe('different');
    if (check.kind === 'different') expect(check.mismatchedChunks.length).toBeGreaterThan(0);
  });

  it('drives its workload I/O from the change processes of its disks', () => {
    const g = buildGuest(base, context());
    const rate = g.writeBytesPerSec(10 * 3600, 11 * 3600);
    expect(rate).toBeCloseTo(g.changeProcess(0).writeBytesPerSec(10 * 3600, 11 * 3600) + g.changeProcess(1).writeBytesPerSec(10 * 3600, 11 * 3600), 6);
    expect(rate).toBeGreaterThan(0);
  });

  it('rejects unknown templates, tools and applications, naming the rule', () => {
    const bad = (spec: Partial<GuestSpec>) => () => buildGuest({ ...base, ...spec }, context());
    expect(bad({ template: 'os2warp' })).toThrow(ConfigError);
    expect(bad({ template: 'os2warp' })).toThrow(/vm\/fs-01: template must be one of/);
    expect(bad({ tools: 'parallels-tools' })).toThrow(/vm\/fs-01: tools must be one of vmware-tools, hyperv-integration-services, xen-tools/);
    expect(bad({ applications: [{ kind: 'lotus-notes' }] })).toThrow(/applications\[0\]\.kind must be one of sql-server/);
    expect(bad({ osFamily: 'linux' })).toThrow(/osFamily must match template win2008r2 \(windows\), got "linux"/);
    expect(bad({ osFamily: 'beos' })).toThrow(/vm\/fs-01: osFamily must be one of windows, linux, got "beos"/);
    expect(bad({ meanFileBytes: -1 })).toThrow(/meanFileBytes must be a finite number > 0/);
  });

  it('rejects an application on an OS it does not run on, or two on one disk', () => {
    const bad = (spec: Partial<GuestSpec>) => () => buildGuest({ ...base, ...spec }, context());
    expect(bad({ template: 'rhel6', applications: [{ kind: 'sql-server' }] })).toThrow(/must run on linux \(it runs on windows\)/);
    expect(bad({ applications: [{ kind: 'sql-server', diskIndex: 1 }, { kind: 'exchange', diskIndex: 1 }] })).toThrow(/not hold a second application/);
    expect(bad({ applications: [{ kind: 'sql-server', diskIndex: 5 }] })).toThrow(/diskIndex must be in \[0, 2\)/);
    expect(bad({ disks: [] })).toThrow(/disks must list at least one disk/);
  });
});
