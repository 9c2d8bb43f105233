import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { RandomStream } from '../sim/engine/random.js';
import { ContentSpace } from '../sim/disk/content-space.js';
import { OS_TEMPLATES } from '../sim/disk/os-templates.js';
import { SharedUpdate } from '../sim/disk/shared-update.js';
import { TemplatePool } from '../sim/disk/template-pool.js';
import { GIB, MIB } from '../sim/disk/units.js';
import { buildVmDisk } from '../sim/disk/vm-disk.js';

function setup() {
  const space = new ContentSpace(4 * MIB);
  return { space, pool: new TemplatePool(space) };
}

function distinctIds(ids: Iterable<number>): Set<number> {
  return new Set([...ids].filter((id) => id !== 0));
}

describe('OS template pools', () => {
  it('give every VM of one template the same OS content, and unique application data', () => {
    const { space, pool } = setup();
    const a = buildVmDisk({ name: 'vm/a/disk/0', provisionedBytes: 40 * GIB, template: 'win2008r2', appDataBytes: 2 * GIB }, pool, space);
    const b = buildVmDisk({ name: 'vm/b/disk/0', provisionedBytes: 40 * GIB, template: 'win2008r2', appDataBytes: 2 * GIB }, pool, space);
    const imageChunks = a.layout.image.chunkCount;
    expect(imageChunks).toBe((12 * GIB) / (4 * MIB));
    expect(Array.from(a.disk.read(0, imageChunks))).toEqual(Array.from(b.disk.read(0, imageChunks)));
    const appA = distinctIds(a.disk.read(a.layout.appData.startChunk, a.layout.appData.chunkCount));
    const appB = b.disk.read(b.layout.appData.startChunk, b.layout.appData.chunkCount);
    expect([...appB].some((id) => appA.has(id))).toBe(false);
    // The rest of a thin disk is unallocated.
    expect(a.disk.sizes().allocatedBytes).toBe(14 * GIB);
    expect(a.disk.sizes().provisionedBytes).toBe(40 * GIB);
  });

  it('share the configured fraction between versions of one OS, and nothing across OS lineages', () => {
    const { pool } = setup();
    const chunks = (name: keyof typeof OS_TEMPLATES) => OS_TEMPLATES[name].imageSizeBytes / (4 * MIB);
    // win2008r2 shares 30% of 12 GiB, win2016 30% of 16 GiB: they share the smaller prefix.
    expect(pool.sharedChunkCount('win2008r2', 'win2016')).toBe(Math.round(chunks('win2008r2') * 0.3));
    expect(pool.sharedChunkCount('rhel6', 'rhel7')).toBe(Math.round(chunks('rhel6') * 0.4));
    expect(pool.sharedChunkCount('win2016', 'rhel7')).toBe(0);
    expect(pool.sharedChunkCount('ubuntu1804', 'rhel6')).toBe(0);
  });

  it('are built in catalog order, so the ids do not depend on which VM asks first', () => {
    const one = setup().pool;
    const two = setup().pool;
    two.image('rhel6');
    expect(Array.from(two.image('win2016'))).toEqual(Array.from(one.image('win2016')));
  });

  it('reject an unknown template, naming the known ones', () => {
    const { space, pool } = setup();
    expect(() => buildVmDisk({ name: 'vm/x/disk/0', provisionedBytes: 40 * GIB, template: 'win95' }, pool, space)).toThrow(ConfigError);
    expect(() => buildVmDisk({ name: 'vm/x/disk/0', provisionedBytes: 40 * GIB, template: 'win95' }, pool, space)).toThrow(
      /vm\/x\/disk\/0: template must be one of win2003, .*ubuntu1804, got "win95"/,
    );
  });

  it('reject a disk too small for its image and data, and negative data sizes', () => {
    const { space, pool } = setup();
    expect(() => buildVmDisk({ name: 'vm/x/disk/0', provisionedBytes: 8 * GIB, template: 'win2016' }, pool, space)).toThrow(/hold the template image/);
    expect(() => buildVmDisk({ name: 'vm/x/disk/0', provisionedBytes: 40 * GIB, appDataBytes: -5 }, pool, space)).toThrow(/appDataBytes must be a finite number >= 0/);
  });

  it('reject a template whose OS family or sharing fraction is invalid', () => {
    const space = new ContentSpace(4 * MIB);
    const bad = { osFamily: 'beos', lineage: 'x', lineageSharedFraction: 0.1, imageSizeBytes: GIB, description: '' };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(() => new TemplatePool(space, { odd: bad as any })).toThrow(/template\/odd: osFamily must be one of windows, linux/);
    const tooShared = { ...bad, osFamily: 'linux' as const, lineageSharedFraction: 1.5 };
    expect(() => new TemplatePool(space, { odd: tooShared })).toThrow(/lineageSharedFraction must be a fraction in \[0, 1\]/);
  });
});

describe('a shared update (patch day)', () => {
  it('writes the same new content at the same chunks of every VM of its template', () => {
    const { space, pool } = setup();
    const vms = ['a', 'b', 'c'].map((n) => buildVmDisk({ name: `vm/${n}/disk/0`, provisionedBytes: 40 * GIB, template: 'win2016' }, pool, space));
    const other = buildVmDisk({ name: 'vm/l/disk/0', provisionedBytes: 40 * GIB, template: 'rhel7' }, pool, space);
    const update = new SharedUpdate({ name: 'update/patch-day', template: 'win2016', sizeBytes: 400 * MIB }, pool, space, new RandomStream(1, 'update/patch-day'));
    expect(update.chunkCount).toBe(100);
    const before = vms[0]!.disk.freeze();
    for (const vm of vms) update.apply(vm.disk, vm.layout, 3600);
    expect(update.appliesTo(other.layout)).toBe(false);
    const images = vms.map((vm) => Array.from(vm.disk.read(0, vm.layout.image.chunkCount)));
    expect(images[1]).toEqual(images[0]);
    expect(images[2]).toEqual(images[0]);
    let changed = 0;
    for (let i = 0; i < vms[0]!.layout.image.chunkCount; i++) if (before.contentAt(i) !== vms[0]!.disk.contentAt(i)) changed++;
    expect(changed).toBe(100);
  });
});
