import { describe, expect, it } from 'vitest';
import { FrozenImage } from '../sim/disk/chunk-image.js';
import { CHUNK, Machine, repository, run } from './support/repository-fixtures.js';

const BLOCKS = 64;
/** Block i of night n: changed every 8 blocks, shifted by n, so every night's changes are scattered. */
function night(previous: number[], n: number): { ids: number[]; changed: number[] } {
  const ids = previous.slice();
  const changed: number[] = [];
  for (let b = n % 8; b < BLOCKS; b += 8) {
    ids[b] = 10_000 * (n + 1) + b;
    changed.push(b);
  }
  return { ids, changed };
}

describe('read locality', () => {
  it('reads a first full as one sequential run from one container', () => {
    const m = new Machine(repository(), 'vm/a');
    const point = m.full(run(1, BLOCKS)).point;
    expect(m.repo.readLocality(point.id)).toMatchObject({ blocks: BLOCKS, runs: 1, containers: 1, meanRunBlocks: BLOCKS, logicalBytes: BLOCKS * CHUNK });
  });

  it('fragments the newest point of a deduplicated chain as increments accumulate', () => {
    const m = new Machine(repository(), 'vm/a');
    let ids = run(1, BLOCKS);
    m.full(ids, 'forever-forward');
    const runs: number[] = [];
    for (let n = 0; n < 4; n++) {
      const next = night(ids, n);
      ids = next.ids;
      const point = m.incremental(ids, next.changed).point;
      runs.push(m.repo.readLocality(point.id)!.runs);
    }
    // Each night adds one more container switch to every group of 8 blocks.
    expect(runs).toEqual([16, 24, 32, 40]);
    // Merging increments into the full moves references, not data: the newest point stays scattered.
    m.repo.applyRetention('vm/a', { keepPoints: 1 }, m.nowSec);
    expect(m.repo.readLocality(m.repo.latestPoint('vm/a')!.id)!.runs).toBe(40);
  });

  it('restores locality when a synthetic full rewrites the blocks of a plain repository', () => {
    const m = new Machine(repository({ transforms: 'copy' }), 'vm/a', 'none');
    let ids = run(1, BLOCKS);
    m.full(ids);
    for (let n = 0; n < 3; n++) {
      const next = night(ids, n);
      ids = next.ids;
      m.incremental(ids, next.changed);
    }
    const latest = m.repo.latestPoint('vm/a')!.id;
    expect(m.repo.readLocality(latest)!.runs).toBe(32);
    m.repo.synthesizeFull('vm/a');
    expect(m.repo.readLocality(latest)).toMatchObject({ runs: 1, containers: 1, sequentialFraction: (BLOCKS - 1) / BLOCKS });
  });

  it('reads a cloned VM’s template from the first VM’s container and its own data from its own', () => {
    const repo = repository();
    new Machine(repo, 'vm/a').full([...run(1, 40), ...run(1000, 10)]);
    const b = new Machine(repo, 'vm/b').full([...run(1, 40), ...run(2000, 10), 0, 0]).point;
    expect(repo.readLocality(b.id)).toMatchObject({ blocks: 50, runs: 2, containers: 2 });
  });
});

describe('machines with several disks', () => {
  it('keep one restore point per backup covering every disk, each rebuilt on its own', () => {
    const repo = repository();
    const disks = (a: number[], b: number[]) => [
      { name: 'disk/0', image: new FrozenImage(Uint32Array.from(a), CHUNK) },
      { name: 'disk/1', image: new FrozenImage(Uint32Array.from(b), CHUNK) },
    ];
    const common = { machine: 'vm/db', consistency: 'application-consistent', placement: 'source' as const };
    const full = repo.commit(repo.planIngest({ ...common, timeSec: 1, kind: 'full', disks: disks([1, 2, 3], [4, 5, 6, 7]) }));
    const inc = repo.commit(repo.planIngest({ ...common, timeSec: 2, kind: 'incremental', disks: disks([1, 9, 3], [4, 5, 6, 7]).map((d, i) => ({ ...d, readChunks: Uint32Array.from(i === 0 ? [1] : []) })) }));
    if (full.state !== 'committed' || inc.state !== 'committed') throw new Error('commit failed');
    expect(inc.point.disks.map((d) => d.name)).toEqual(['disk/0', 'disk/1']);
    expect(inc.point.consistency).toBe('application-consistent');
    const read = (id: number, disk: string) => {
      const o = repo.reconstruct(id, disk);
      return o.state === 'intact' ? [...o.image.read(0, o.image.chunkCount)] : o.state;
    };
    expect([read(full.point.id, 'disk/0'), read(inc.point.id, 'disk/0'), read(inc.point.id, 'disk/1')]).toEqual([[1, 2, 3], [1, 9, 3], [4, 5, 6, 7]]);
    expect(repo.reconstruct(999, 'disk/0')).toEqual({ state: 'not-found', pointId: 999 });
  });
});
