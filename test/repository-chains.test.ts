import { describe, expect, it } from 'vitest';
import { CHAIN_IO_PER_BLOCK, type RepositoryIo } from '../sim/repository/index.js';
import { Machine, repository, restored, run } from './support/repository-fixtures.js';

const BLOCKS = 16;
const base = run(100, BLOCKS);
/** The base image with blocks [0, n) replaced by fresh content. */
const changedImage = (n: number, first: number) => [...run(first, n), ...base.slice(n)];
const firstN = (n: number) => run(0, n);

function perBlock(io: RepositoryIo, blocks: number): { reads: number; writes: number } {
  return { reads: io.readOps / blocks, writes: io.writeOps / blocks };
}

describe('backup chain I/O per block on a plain repository', () => {
  // A plain repository: no dedupe (placement 'none') and 'copy' transforms,
  // the setting the Veeam help-center figures in DOMAIN.md describe.
  const plain = () => new Machine(repository({ transforms: 'copy' }), 'vm/a', 'none');

  it('costs one write per block for an active full and for a forward incremental', () => {
    const m = plain();
    const full = m.full(base);
    expect(perBlock(full.io, BLOCKS)).toEqual(CHAIN_IO_PER_BLOCK['active-full']);
    expect(full.io.writeBytes).toBe(full.newPhysicalBytes);
    const inc = m.incremental(changedImage(4, 500), firstN(4));
    expect(perBlock(inc.io, 4)).toEqual(CHAIN_IO_PER_BLOCK['forward-incremental']);
    expect(inc.io.writeBytes).toBe(inc.newPhysicalBytes);
  });

  it('costs two I/Os per merged block when forever-forward retention merges an increment', () => {
    const m = plain();
    m.full(base, 'forever-forward');
    m.incremental(changedImage(4, 500), firstN(4));
    m.incremental(changedImage(4, 600), firstN(4));
    const retention = m.repo.applyRetention('vm/a', { keepPoints: 2 }, m.nowSec);
    expect(retention.merges).toBe(1);
    expect(perBlock(retention.io, 4)).toEqual(CHAIN_IO_PER_BLOCK.merge);
  });

  it('costs two I/Os per block of the point for a synthetic full, read over the chain', () => {
    const m = plain();
    m.full(base);
    m.incremental(changedImage(4, 500), firstN(4));
    const synthetic = m.repo.synthesizeFull('vm/a');
    if (synthetic.state !== 'synthesized') throw new Error(synthetic.state);
    expect(perBlock(synthetic.io, BLOCKS)).toEqual(CHAIN_IO_PER_BLOCK['synthetic-full']);
    // A plain repository writes a real copy: a full's worth of new space.
    expect(synthetic.newPhysicalBytes).toBe(synthetic.io.writeBytes);
  });

  it('costs three I/Os per changed block for a reverse incremental', () => {
    const m = plain();
    m.full(base, 'reverse');
    const inc = m.incremental(changedImage(4, 500), firstN(4));
    expect(perBlock(inc.io, 4)).toEqual(CHAIN_IO_PER_BLOCK['reverse-incremental']);
  });

  it('costs four I/Os per block for a synthetic full with rollback', () => {
    const m = plain();
    m.full(base);
    m.incremental(changedImage(BLOCKS, 500), firstN(BLOCKS));
    const synthetic = m.repo.synthesizeFull('vm/a', { rollback: true });
    if (synthetic.state !== 'synthesized') throw new Error(synthetic.state);
    expect(perBlock(synthetic.io, BLOCKS)).toEqual(CHAIN_IO_PER_BLOCK['synthetic-full-with-rollback']);
  });

  it('matches the DOMAIN.md totals: 1, 2, 2, 3 and 4 I/Os', () => {
    const total = (op: keyof typeof CHAIN_IO_PER_BLOCK) => CHAIN_IO_PER_BLOCK[op].reads + CHAIN_IO_PER_BLOCK[op].writes;
    expect([total('forward-incremental'), total('merge'), total('synthetic-full'), total('reverse-incremental'), total('synthetic-full-with-rollback')]).toEqual([1, 2, 2, 3, 4]);
  });
});

describe('chain transforms on other repositories', () => {
  it('move only references with clone transforms: a merge costs no data I/O', () => {
    const m = new Machine(repository({ transforms: 'clone' }), 'vm/a', 'none');
    m.full(base, 'forever-forward');
    m.incremental(changedImage(4, 500), firstN(4));
    m.incremental(changedImage(4, 600), firstN(4));
    const retention = m.repo.applyRetention('vm/a', { keepPoints: 2 }, m.nowSec);
    expect(retention.merges).toBe(1);
    expect(retention.io).toEqual({ readOps: 0, readBytes: 0, writeOps: 0, writeBytes: 0, hashedBytes: 0 });
  });

  it('read and hash, but do not rewrite, deduplicated blocks a copy transform moves', () => {
    const m = new Machine(repository({ transforms: 'copy' }), 'vm/a', 'source');
    m.full(base);
    m.incremental(changedImage(4, 500), firstN(4));
    const before = m.repo.stats().physicalBytes;
    const synthetic = m.repo.synthesizeFull('vm/a');
    if (synthetic.state !== 'synthesized') throw new Error(synthetic.state);
    expect(synthetic.io.readOps).toBe(BLOCKS);
    expect(synthetic.io.writeOps).toBe(0);
    expect(synthetic.io.hashedBytes).toBe(BLOCKS * 4096);
    expect(m.repo.stats().physicalBytes).toBe(before);
  });

  it('read and hash, but do not rewrite, deduplicated blocks a merge moves', () => {
    const m = new Machine(repository({ transforms: 'copy' }), 'vm/a', 'source');
    m.full(base, 'forever-forward');
    const inc = m.incremental(changedImage(4, 500), firstN(4));
    m.incremental(changedImage(4, 600), firstN(4));
    const retention = m.repo.applyRetention('vm/a', { keepPoints: 2 }, m.nowSec);
    expect(retention.io).toEqual({ readOps: 4, readBytes: inc.newPhysicalBytes, writeOps: 0, writeBytes: 0, hashedBytes: 4 * 4096 });
  });
});

describe('retention', () => {
  it('keeps an expired full and its increments while a kept increment depends on them (forward chains)', () => {
    const m = new Machine(repository(), 'vm/a');
    const ids = [m.full(base).point.id, m.incremental(changedImage(1, 500), [0]).point.id, m.incremental(changedImage(2, 600), [0, 1]).point.id];
    ids.push(m.full(changedImage(2, 600)).point.id, m.incremental(changedImage(3, 700), [0, 1, 2]).point.id);
    const keep3 = m.repo.applyRetention('vm/a', { keepPoints: 3 }, m.nowSec);
    expect(keep3.removedPointIds).toEqual([]);
    expect(keep3.keptForDependencies).toEqual([ids[0], ids[1]]);
    const keep2 = m.repo.applyRetention('vm/a', { keepPoints: 2 }, m.nowSec);
    expect(keep2.removedPointIds).toEqual([ids[0], ids[1], ids[2]]);
    expect(m.repo.points('vm/a').map((p) => p.id)).toEqual([ids[3], ids[4]]);
    expect(m.repo.audit()).toEqual([]);
  });

  it('merges the oldest increments into the full on a forever-forward chain', () => {
    const m = new Machine(repository(), 'vm/a');
    m.full(base, 'forever-forward');
    const images = [1, 2, 3, 4, 5].map((n) => changedImage(n, 1000 * n));
    const points = images.map((img, i) => m.incremental(img, firstN(i + 1)).point);
    const outcome = m.repo.applyRetention('vm/a', { keepPoints: 3 }, m.nowSec);
    expect(outcome.merges).toBe(3);
    const kept = m.repo.points('vm/a');
    expect(kept.map((p) => p.id)).toEqual(points.slice(2).map((p) => p.id));
    expect(kept.map((p) => p.form)).toEqual(['full', 'forward-increment', 'forward-increment']);
    kept.forEach((p, i) => expect(restored(m.repo, p.id)).toEqual(images[i + 2]));
    expect(m.repo.audit()).toEqual([]);
  });

  it('drops the oldest rollbacks of a reverse chain, and the full stays on the newest point', () => {
    const m = new Machine(repository(), 'vm/a');
    m.full(base, 'reverse');
    const images = [1, 2, 3, 4].map((n) => changedImage(n, 1000 * n));
    for (const [i, img] of images.entries()) m.incremental(img, firstN(i + 1));
    const outcome = m.repo.applyRetention('vm/a', { keepPoints: 2 }, m.nowSec);
    expect(outcome.removedPointIds.length).toBe(3);
    expect(outcome.io.readOps + outcome.io.writeOps).toBe(0);
    const kept = m.repo.points('vm/a');
    expect(kept.map((p) => p.form)).toEqual(['reverse-increment', 'full']);
    expect(kept.map((p) => restored(m.repo, p.id))).toEqual(images.slice(2));
  });

  it('keeps the points of the last N days, and always the newest point', () => {
    const m = new Machine(repository(), 'vm/a');
    m.full(base, 'forever-forward');
    for (let n = 1; n <= 4; n++) m.incremental(changedImage(n, 1000 * n), firstN(n));
    // Points are one day apart; keeping 2.5 days keeps the last three.
    expect(m.repo.applyRetention('vm/a', { keepDays: 2.5 }, m.nowSec).merges).toBe(2);
    expect(m.repo.points('vm/a').length).toBe(3);
    // A month later with no new backup, the newest point is still kept.
    m.repo.applyRetention('vm/a', { keepDays: 7 }, m.nowSec + 30 * 86_400);
    expect(m.repo.points('vm/a').map((p) => restored(m.repo, p.id))).toEqual([changedImage(4, 4000)]);
  });

  it('frees, at garbage collection, exactly the blocks no kept point uses', () => {
    const m = new Machine(repository({ compression: 'off' }), 'vm/a');
    m.full(base, 'forever-forward');
    m.incremental(changedImage(4, 500), firstN(4));
    m.incremental(changedImage(4, 600), firstN(4));
    m.repo.applyRetention('vm/a', { keepPoints: 1 }, m.nowSec);
    // The full's first 4 blocks and the first increment's 4 blocks are unused now.
    expect(m.repo.collectGarbage()).toEqual({ freedBlocks: 8, freedPhysicalBytes: 8 * 4096, freedLogicalBytes: 8 * 4096 });
    expect(m.repo.stats().storedBlocks).toBe(BLOCKS);
    expect(m.repo.collectGarbage().freedBlocks).toBe(0);
  });
});

describe('synthetic fulls', () => {
  it('start a new chain from the newest point and leave the old chain whole', () => {
    const m = new Machine(repository(), 'vm/a');
    const full = m.full(base).point;
    const inc1 = m.incremental(changedImage(2, 500), [0, 1]).point;
    const inc2 = m.incremental(changedImage(3, 600), [0, 1, 2]).point;
    const outcome = m.repo.synthesizeFull('vm/a');
    if (outcome.state !== 'synthesized') throw new Error(outcome.state);
    expect(outcome.point).toMatchObject({ id: inc2.id, kind: 'synthetic-full', form: 'full', dependsOn: null });
    expect(outcome.point.chainId).not.toBe(full.chainId);
    expect(m.repo.point(inc1.id)).toMatchObject({ chainId: full.chainId, form: 'forward-increment', dependsOn: full.id });
    const next = m.incremental(changedImage(4, 700), [0, 1, 2, 3]).point;
    expect(next).toMatchObject({ chainId: outcome.point.chainId, dependsOn: inc2.id });
    expect([full.id, inc1.id, inc2.id, next.id].map((id) => restored(m.repo, id))).toEqual([base, changedImage(2, 500), changedImage(3, 600), changedImage(4, 700)]);
  });

  it('with rollback, keep one full on the newest point and turn older points into rollbacks', () => {
    const m = new Machine(repository(), 'vm/a');
    m.full(base);
    m.incremental(changedImage(2, 500), [0, 1]);
    m.incremental(changedImage(3, 600), [0, 1, 2]);
    const outcome = m.repo.synthesizeFull('vm/a', { rollback: true });
    expect(outcome.state).toBe('synthesized');
    const points = m.repo.points('vm/a');
    expect(points.map((p) => p.form)).toEqual(['reverse-increment', 'reverse-increment', 'full']);
    expect(new Set(points.map((p) => p.chainId)).size).toBe(1);
    expect(points.map((p) => restored(m.repo, p.id))).toEqual([base, changedImage(2, 500), changedImage(3, 600)]);
    expect(m.repo.audit()).toEqual([]);
  });

  it('report that nothing is needed when the newest point is already a full', () => {
    const m = new Machine(repository(), 'vm/a');
    m.full(base, 'reverse');
    m.incremental(changedImage(2, 500), [0, 1]);
    expect(m.repo.synthesizeFull('vm/a').state).toBe('already-full');
  });

  it('report out-of-capacity, and change nothing, when a plain copy would not fit', () => {
    const repo = repository({ compression: 'off', capacityBytes: 20 * 4096 });
    const m = new Machine(repo, 'vm/a', 'none');
    m.full(base);
    m.incremental(changedImage(2, 500), [0, 1]);
    const before = JSON.stringify(repo.points());
    expect(repo.synthesizeFull('vm/a')).toEqual({ state: 'out-of-capacity', neededPhysicalBytes: BLOCKS * 4096 });
    expect(JSON.stringify(repo.points())).toBe(before);
  });
});
