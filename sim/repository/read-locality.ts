/**
 * Fragmentation: how scattered a restore point's blocks are on disk, so a
 * restore can be slowed accordingly (DOMAIN.md: without rewriting, restores
 * of the newest backup are 12-55% slower from fragmentation, Kaczmarczyk,
 * SYSTOR'12; that figure must come out of a run, so nothing here applies it).
 *
 * Model: every operation that lands new blocks writes them, in block order,
 * into a container of its own (a write batch: one backup's new data, or the
 * copies a synthetic full writes). A restore reads the point's non-zero blocks
 * in block order; consecutive blocks from one container form one sequential
 * run, and each change of container starts a new run, which costs the reader
 * a repositioning. Zero blocks are not read. So:
 * - a point whose blocks all come from one backup reads as one run;
 * - the newest point of a deduplicated or forever-forward chain reads its
 *   unchanged blocks from the containers of every earlier backup, and its run
 *   count grows with the chain's history;
 * - a synthetic full on a plain repository rewrites every block into one new
 *   container, which is why periodic fulls restore fast.
 * Runs within a container are assumed to be in order (blocks are written in
 * block order); gaps inside a container are not counted.
 */
import { fail } from '../engine/errors.js';
import { ZERO_SLOT } from './chunk-store.js';
import { materialize } from './chain-ops.js';
import type { RepositoryState } from './state.js';

export interface ReadLocality {
  /** Non-zero blocks a full restore of the point reads. */
  blocks: number;
  logicalBytes: number;
  /** Stored bytes read (compressed). */
  physicalBytes: number;
  /** Sequential runs: each one costs a repositioning of the reader. */
  runs: number;
  /** Distinct containers (write batches) the blocks come from. */
  containers: number;
  /** blocks / runs: 1 when every block needs a seek. */
  meanRunBlocks: number;
  /** (blocks - runs) / blocks: the share of block reads that continue a run (1 for no blocks). */
  sequentialFraction: number;
}

/** Read locality of a point's disks (all of them unless `disk` names one); undefined if the point is gone. */
export function readLocality(state: RepositoryState<string>, pointId: number, disk?: string): ReadLocality | undefined {
  const point = state.catalog.points.get(pointId);
  if (point === undefined) return undefined;
  const chain = point.chain;
  if (disk !== undefined && !chain.disks.some((d) => d.name === disk)) fail(`point ${pointId} of ${point.machine} has no disk ${JSON.stringify(disk)}`);
  const maps = materialize(chain, chain.points.indexOf(point));
  const { store } = state;
  const containers = new Set<number>();
  let blocks = 0;
  let runs = 0;
  let logicalBytes = 0;
  let physicalBytes = 0;
  // A loop, not forEach with an arrow: V8 drops an arrow's optimized code when the arrow dies, so an
  // arrow made per call is optimized again in every run.
  for (let i = 0; i < chain.disks.length; i++) {
    if (disk !== undefined && chain.disks[i]!.name !== disk) continue;
    let previous = -1;
    for (const slot of maps[i]!) {
      if (slot === ZERO_SLOT) continue;
      const container = store.containerOf(slot);
      if (container !== previous) runs++;
      previous = container;
      containers.add(container);
      blocks++;
      logicalBytes += store.logicalBytesOf(slot);
      physicalBytes += store.physicalBytesOf(slot);
    }
  }
  return {
    blocks,
    logicalBytes,
    physicalBytes,
    runs,
    containers: containers.size,
    meanRunBlocks: runs === 0 ? 0 : blocks / runs,
    sequentialFraction: blocks === 0 ? 1 : (blocks - runs) / blocks,
  };
}
