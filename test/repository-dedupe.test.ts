import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { FINGERPRINT_BYTES, UNREADABLE_CONTENT } from '../sim/repository/index.js';
import { CHUNK, committed, image, Machine, repository, restored, run } from './support/repository-fixtures.js';

const TEMPLATE = run(1, 40);
/** A VM cloned from the template: the template, then `unique` blocks of its own, then zeros. */
const clone = (first: number, unique: number, zeros = 8) => [...TEMPLATE, ...run(first, unique), ...new Array<number>(zeros).fill(0)];

describe('deduplication', () => {
  it('stores only the unique blocks of a second VM cloned from the same template', () => {
    const repo = repository({ compression: 'off' });
    const first = new Machine(repo, 'vm/a').full(clone(1000, 10));
    expect(first.newBlocks).toBe(50);
    const second = new Machine(repo, 'vm/b');
    const outcome = committed(repo.commit(second.plan(clone(2000, 10), 'full')));
    expect(outcome.newBlocks).toBe(10);
    const t = second.lastPlan!.traffic;
    expect(t).toMatchObject({ blocksRead: 58, zeroBlocks: 8, duplicateBlocks: 40, newBlocks: 10, blocksSent: 10 });
    expect(t.dataBytesSent).toBe(10 * CHUNK);
    expect(t.fingerprintBytesSent).toBe(50 * FINGERPRINT_BYTES);
    expect(repo.stats().storedBlocks).toBe(60);
  });

  it('sends every non-zero block with target dedupe, and stores the same as source dedupe', () => {
    const stored = (placement: 'source' | 'target') => {
      const repo = repository();
      new Machine(repo, 'vm/a', placement).full(clone(1000, 10));
      const b = new Machine(repo, 'vm/b', placement);
      committed(repo.commit(b.plan(clone(2000, 10), 'full')));
      return { traffic: b.lastPlan!.traffic, stats: repo.stats() };
    };
    const source = stored('source');
    const target = stored('target');
    expect(target.traffic.blocksSent).toBe(50);
    expect(source.traffic.blocksSent).toBe(10);
    expect(source.traffic.bytesSent).toBeLessThan(target.traffic.bytesSent / 4);
    expect(source.traffic.bytesHashedAtSource).toBe(50 * CHUNK);
    expect(target.traffic.bytesHashedAtTarget).toBe(50 * CHUNK);
    expect(source.stats.physicalBytes).toBe(target.stats.physicalBytes);
  });

  it('never stores zero blocks, under any placement', () => {
    for (const placement of ['none', 'source', 'target'] as const) {
      const repo = repository();
      const m = new Machine(repo, 'vm/a', placement);
      const point = m.full([0, 0, 7, 0, 0, 0, 8, 0]).point;
      expect(m.lastPlan!.traffic).toMatchObject({ blocksRead: 8, zeroBlocks: 6, blocksSent: 2, newBlocks: 2 });
      expect(repo.stats().storedBlocks).toBe(2);
      expect(point.logicalBytes).toBe(2 * CHUNK);
      expect(restored(repo, point.id)).toEqual([0, 0, 7, 0, 0, 0, 8, 0]);
    }
  });

  it('stores a block repeated within one backup once when deduplicating, twice when not', () => {
    const ids = [5, 6, 5, 6, 5, 7];
    expect(new Machine(repository(), 'vm/a', 'source').full(ids).newBlocks).toBe(3);
    expect(new Machine(repository(), 'vm/a', 'none').full(ids).newBlocks).toBe(6);
  });

  it('fingerprints whole blocks: a block of several chunks dedupes only when all its chunks match', () => {
    const repo = repository({ blockSizeBytes: 4 * CHUNK, compression: 'off' });
    new Machine(repo, 'vm/a').full([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = new Machine(repo, 'vm/b');
    // Block 0 matches, block 1 differs in one chunk, the short last block matches.
    const outcome = committed(repo.commit(b.plan([1, 2, 3, 4, 5, 6, 7, 99, 9], 'full')));
    expect(outcome.newBlocks).toBe(1);
    expect(b.lastPlan!.traffic.bytesReadAtSource).toBe(9 * CHUNK);
    // An incremental that changes one chunk reads its whole block.
    const inc = b.plan([1, 2, 3, 4, 5, 6, 7, 100, 9], 'incremental', [7]);
    expect(inc.traffic.bytesReadAtSource).toBe(4 * CHUNK);
  });
});

describe('compression', () => {
  it('keeps about half of each block by default, the same for the same content everywhere', () => {
    const ids = run(1, 20_000);
    const a = new Machine(repository({ expectedStoredBlocks: 20_000 }), 'vm/a').full(ids);
    const b = new Machine(repository({ expectedStoredBlocks: 20_000 }), 'vm/b', 'none').full(ids);
    const fraction = a.newPhysicalBytes / (20_000 * CHUNK);
    expect(fraction).toBeGreaterThan(0.49);
    expect(fraction).toBeLessThan(0.51);
    expect(b.newPhysicalBytes).toBe(a.newPhysicalBytes);
  });

  it('stores full-size blocks when compression is off, and never more than the logical bytes', () => {
    const repo = repository({ compression: 'off' });
    expect(new Machine(repo, 'vm/a').full(run(1, 10)).newPhysicalBytes).toBe(10 * CHUNK);
    const squeezed = repository({ compression: { meanStoredFraction: 0.9, spread: 0.2 } });
    new Machine(squeezed, 'vm/a').full(run(1, 1000));
    expect(squeezed.stats().physicalBytes).toBeLessThanOrEqual(squeezed.stats().storedLogicalBytes);
  });
});

describe('two-phase ingest', () => {
  it('plans without changing anything', () => {
    const repo = repository();
    const m = new Machine(repo, 'vm/a');
    m.full(run(1, 10));
    const before = JSON.stringify([repo.stats(), repo.points()]);
    m.plan([...run(1, 5), ...run(50, 5)], 'incremental');
    expect(JSON.stringify([repo.stats(), repo.points()])).toBe(before);
  });

  it('keeps the blocks an aborted backup delivered, so its retry sends only the rest', () => {
    const repo = repository();
    const m = new Machine(repo, 'vm/a');
    const plan = m.plan(run(1, 20), 'full');
    const aborted = repo.abort(plan, 12);
    expect(aborted).toMatchObject({ state: 'aborted', orphanBlocks: 12 });
    expect(repo.points()).toEqual([]);
    expect(repo.stats().unreferencedBlocks).toBe(12);
    const retry = m.plan(run(1, 20), 'full');
    expect(retry.traffic.blocksSent).toBe(8);
    committed(repo.commit(retry));
    expect(repo.stats()).toMatchObject({ storedBlocks: 20, unreferencedBlocks: 0 });
  });

  it('frees an aborted backup’s blocks at the next garbage collection if nothing used them', () => {
    const repo = repository({ compression: 'off' });
    const m = new Machine(repo, 'vm/a');
    repo.abort(m.plan(run(1, 20), 'full'), 5);
    expect(repo.collectGarbage()).toEqual({ freedBlocks: 5, freedPhysicalBytes: 5 * CHUNK, freedLogicalBytes: 5 * CHUNK });
    expect(repo.stats().storedBlocks).toBe(0);
  });

  it('reports out-of-capacity and records no point when the target fills up', () => {
    const repo = repository({ compression: 'off', capacityBytes: 15 * CHUNK });
    const m = new Machine(repo, 'vm/a');
    const outcome = repo.commit(m.plan(run(1, 20), 'full'));
    expect(outcome).toMatchObject({ state: 'out-of-capacity', orphanBlocks: 15, orphanPhysicalBytes: 15 * CHUNK });
    expect(repo.points()).toEqual([]);
    expect(repo.audit()).toEqual([]);
  });

  it('dedupes at commit what a concurrent backup stored after the plan', () => {
    const repo = repository();
    const a = new Machine(repo, 'vm/a').plan(run(1, 10), 'full');
    const b = new Machine(repo, 'vm/b').plan(run(1, 10), 'full');
    expect(b.traffic.newBlocks).toBe(10);
    expect(committed(repo.commit(a)).newBlocks).toBe(10);
    expect(committed(repo.commit(b)).newBlocks).toBe(0);
    expect(repo.stats().storedBlocks).toBe(10);
  });

  it('fails a source-deduplicated backup whose skipped blocks were collected before its commit', () => {
    for (const placement of ['source', 'target'] as const) {
      const repo = repository();
      const a = new Machine(repo, 'vm/a');
      a.full(run(1, 10));
      const plan = new Machine(repo, 'vm/b', placement).plan([...run(1, 4), ...run(500, 6)], 'full');
      a.full(run(100, 10));
      repo.applyRetention('vm/a', { keepPoints: 1 }, a.nowSec);
      repo.collectGarbage();
      const outcome = repo.commit(plan);
      // Source dedupe never sent the 4 collected blocks; target dedupe did, and stores them again.
      if (placement === 'source') expect(outcome).toEqual({ state: 'blocks-collected', missingBlocks: 4 });
      else expect(committed(outcome).newBlocks).toBe(10);
      expect(repo.audit()).toEqual([]);
    }
  });
});

describe('corruption', () => {
  it('damages every point that shares a corrupted block, naming the chunks', () => {
    const repo = repository();
    const a = new Machine(repo, 'vm/a').full(clone(1000, 4, 2)).point;
    const b = new Machine(repo, 'vm/b').full(clone(2000, 4, 2)).point;
    expect(repo.corruptBlock(a.id, 'disk/0', 3)).toBe(true);
    const outcome = repo.reconstruct(b.id, 'disk/0');
    if (outcome.state !== 'damaged') throw new Error(outcome.state);
    expect([...outcome.corruptChunks]).toEqual([3]);
    expect(outcome.image.contentAt(3)).toBe(UNREADABLE_CONTENT);
    expect(outcome.image.contentAt(4)).toBe(TEMPLATE[4]);
    expect(repo.corruptBlock(a.id, 'disk/0', 45)).toBe(false);
  });
});

describe('misuse', () => {
  it('throws on programmer errors, saying what to do instead', () => {
    const repo = repository();
    const m = new Machine(repo, 'vm/a');
    expect(() => m.plan(run(1, 4), 'incremental')).toThrow(/take a full first/);
    const plan = m.plan(run(1, 4), 'full');
    committed(repo.commit(plan));
    expect(() => repo.commit(plan)).toThrow(/already committed/);
    expect(() => repository().commit(plan)).toThrow(/not made by repository/);
    expect(() => repo.planIngest({ machine: 'vm/a', timeSec: 0, kind: 'full', placement: 'source', consistency: 'x', disks: [{ name: 'disk/0', image: image([1]) }] })).toThrow(/later than its previous point/);
    expect(() => m.plan(run(1, 5), 'incremental')).toThrow(/disks changed/);
  });

  it('rejects a block size that is not a whole number of disk chunks, and images at another chunk size', () => {
    expect(() => repository({ blockSizeBytes: CHUNK + 1 })).toThrow(ConfigError);
    expect(() => repository({ compression: { meanStoredFraction: 0.9, spread: 0.5 } })).toThrow(/compression.spread/);
    const repo = repository({ chunkSizeBytes: 2 * CHUNK, blockSizeBytes: 2 * CHUNK });
    expect(() => new Machine(repo, 'vm/a').plan([1], 'full')).toThrow(ConfigError);
  });
});
