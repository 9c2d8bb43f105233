import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restoreMismatches, scriptArb, World, worldConfigArb, type WorldOp } from './support/repository-world.js';

const script = scriptArb;

describe('repository properties', () => {
  it('reconstruct every kept restore point exactly as it was backed up, after any sequence of operations', () => {
    // The idea: whatever backups (full, incremental; forward, forever-forward,
    // reverse chains; any dedupe placement), synthetic fulls, retention, merges,
    // aborted backups and GC happen, every point still in the catalog rebuilds
    // chunk for chunk into the content the machine had when it was backed up.
    // Checked after every operation, so a transient break cannot hide.
    fc.assert(
      fc.property(worldConfigArb, script(), (config, ops) => {
        const world = new World(config);
        for (const op of ops) {
          world.apply(op);
          expect(restoreMismatches(world)).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never lose a block a kept point needs, and keep reference counts equal to the references', () => {
    // The idea: the audit recomputes every reference from the kept backup files
    // and every total from the stored blocks; after any sequence it must find
    // the repository's own counts exact, every referenced block stored, the
    // index finding exactly the indexed blocks, and physical <= logical bytes.
    fc.assert(
      fc.property(worldConfigArb, script(), (config, ops) => {
        const world = new World(config);
        for (const op of ops) {
          world.apply(op);
          expect(world.repo.audit()).toEqual([]);
          const s = world.repo.stats();
          expect(s.physicalBytes).toBeLessThanOrEqual(s.storedLogicalBytes);
          if (s.unreferencedBlocks === 0) expect(s.storedLogicalBytes).toBeLessThanOrEqual(s.referencedLogicalBytes);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('store nothing once garbage collection has run after every point is unreferenced', () => {
    // The idea: GC frees exactly the unreferenced blocks; after it, every
    // stored block is referenced by a kept file.
    fc.assert(
      fc.property(worldConfigArb, script(), (config, ops) => {
        const world = new World(config);
        world.run(ops);
        world.repo.collectGarbage();
        expect(world.repo.stats().unreferencedBlocks).toBe(0);
        expect(world.repo.audit()).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('send no more data with source dedupe than with target dedupe, and store the same', () => {
    // The idea: run one script twice, once with every backup deduplicated at
    // the source and once at the target. Each backup finds the same blocks
    // new and stores the same physical bytes, and the source never sends more
    // data bytes (it sends only what the target lacks, compressed). Aborted
    // backups are left out: under the two placements different blocks are in
    // flight when a backup stops, so their partial data legitimately differs.
    const committedOnly = script(['source']).map((ops) => ops.filter((op) => op.op !== 'abort'));
    fc.assert(
      fc.property(worldConfigArb, committedOnly, (config, ops) => {
        const unlimited = { ...config, capacityBytes: Infinity };
        const source = new World(unlimited);
        const target = new World(unlimited);
        source.run(ops);
        target.run(ops.map((op): WorldOp => ('placement' in op ? { ...op, placement: 'target' } : op)));
        expect(source.commits.length).toBe(target.commits.length);
        source.commits.forEach((s, i) => {
          const t = target.commits[i]!;
          if (s.state !== 'committed' || t.state !== 'committed') throw new Error('unlimited capacity must commit');
          expect(s.newBlocks).toBe(t.newBlocks);
          expect(s.newPhysicalBytes).toBe(t.newPhysicalBytes);
          const [sp, tp] = [source.plans[i]!.traffic, target.plans[i]!.traffic];
          expect(sp.dataBytesSent).toBeLessThanOrEqual(tp.dataBytesSent);
          expect(sp.blocksSent).toBeLessThanOrEqual(tp.blocksSent);
          expect(sp.newPhysicalBytes).toBe(tp.newPhysicalBytes);
        });
        expect(source.repo.stats().physicalBytes).toBe(target.repo.stats().physicalBytes);
        expect(source.repo.stats().storedBlocks).toBe(target.repo.stats().storedBlocks);
      }),
      { numRuns: 100 },
    );
  });

  it('give identical catalogs, outcomes and totals for identical inputs', () => {
    // The idea: the repository has no hidden source of variation (no clock,
    // no randomness, no Map-order accident): the same script twice produces
    // byte-identical results.
    fc.assert(
      fc.property(worldConfigArb, script(), (config, ops) => {
        const a = new World(config);
        const b = new World(config);
        a.run(ops);
        b.run(ops);
        expect(JSON.stringify(b.log)).toBe(JSON.stringify(a.log));
        expect(JSON.stringify(b.repo.points())).toBe(JSON.stringify(a.repo.points()));
        expect(b.repo.stats()).toEqual(a.repo.stats());
      }),
      { numRuns: 50 },
    );
  });
});
