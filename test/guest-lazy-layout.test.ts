import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/engine/random.js';
import { ContentSpace } from '../sim/disk/content-space.js';
import { TemplatePool } from '../sim/disk/template-pool.js';
import { GIB, MIB } from '../sim/disk/units.js';
import { buildGuest, type GuestSpec } from '../sim/guest/build-guest.js';

const spec = (name: string): GuestSpec => ({
  name,
  template: 'rhel6',
  disks: [{ provisionedBytes: 8 * GIB, appDataBytes: GIB }, { provisionedBytes: 4 * GIB, appDataBytes: 2 * GIB }],
  applications: [{ kind: 'postgresql' }],
});

/** Every file as path, disk, size and chunk list, in listing order. */
const listing = (g: ReturnType<typeof buildGuest>): string[] => g.filesystem.files().map((f) => `${f.path} ${f.diskIndex} ${f.sizeBytes} ${Array.from(f.chunks).join(',')}`);

describe('a guest file system laid out on first look', () => {
  it('lays out the same files whenever it is first looked at, whatever ran before', () => {
    // The idea: the layout is deferred to the first look at the files, and it
    // draws only from the guest's own stream, so days of guest writes and the
    // build of other guests before that look change nothing in it.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (seed, days, others) => {
        const build = () => {
          const space = new ContentSpace(4 * MIB);
          return { space, pool: new TemplatePool(space), streams: new RandomStreams(seed) };
        };
        const eager = buildGuest(spec('db-01'), build());
        const expected = listing(eager);
        const ctx = build();
        const lazy = buildGuest(spec('db-01'), ctx);
        for (let k = 0; k < others; k++) listing(buildGuest(spec(`other-${k}`), ctx));
        lazy.advance(0, days * 86_400);
        expect(listing(lazy)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('gives every file its own chunks, contiguous and inside its disk', () => {
    const space = new ContentSpace(4 * MIB);
    const g = buildGuest(spec('db-02'), { space, pool: new TemplatePool(space), streams: new RandomStreams(3) });
    const files = g.filesystem.files();
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      for (let k = 1; k < f.chunks.length; k++) expect(f.chunks[k]).toBe(f.chunks[k - 1]! + 1);
      expect(f.chunks[f.chunks.length - 1]!).toBeLessThan(g.disks[f.diskIndex]!.chunkCount);
    }
  });
});
