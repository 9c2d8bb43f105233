/**
 * Synthetic full: the repository builds a full of the machine's newest point
 * from the chain it already holds, without reading the source (Veeam: on the
 * synthetic-full day the job takes an incremental, then synthesizes the full
 * from the chain). The I/O is "2 over the chain": every block of the point is
 * read from wherever it lives in the chain and written into the new full.
 *
 * - Without rollback, the newest point leaves its chain and starts a new one
 *   (the old chain stays whole until retention removes it); the new full's
 *   blocks are copies on a plain repository and references on a deduplicated
 *   or block-cloning one.
 * - With rollback ("transform previous backup chains into rollbacks"), the full
 *   moves to the newest point and every older point becomes a reverse
 *   increment, so the chain keeps one full; moving each replaced block of the
 *   old full into a rollback costs another read and write, 4 I/O per block in
 *   all.
 * A machine whose newest point is already a full needs nothing: the outcome
 * says so.
 */
import { fail } from '../engine/errors.js';
import { ZERO_SLOT } from './chunk-store.js';
import { headOf, type ChainRecord } from './catalog.js';
import { advanceKeeping, materialize } from './chain-ops.js';
import { FullMap } from './full-map.js';
import { emptyIo, moveBlock, type RepositoryIo } from './repository-io.js';
import { describePoint, type RestorePointInfo } from './restore-point-info.js';
import { nonZeroOf, referenceFile, type RepositoryState } from './state.js';

export interface SyntheticFullOptions {
  /** Transform the older points into rollbacks of the new full (default false). */
  rollback?: boolean;
}

export type SyntheticFullOutcome<L extends string = string> =
  | { state: 'synthesized'; point: RestorePointInfo<L>; io: RepositoryIo; newPhysicalBytes: number }
  | { state: 'already-full'; point: RestorePointInfo<L> }
  | { state: 'out-of-capacity'; neededPhysicalBytes: number };

export function synthesizeFull<L extends string>(state: RepositoryState<L>, machine: string, options: SyntheticFullOptions): SyntheticFullOutcome<L> {
  const chain = state.catalog.currentChain(machine);
  if (chain === undefined) fail(`synthetic full of ${machine}: the repository holds no chain for it`);
  const head = headOf(chain);
  if (head.file.form === 'full') return { state: 'already-full', point: describePoint(head, state.options.chunkSizeBytes) };
  const dense = materialize(chain, chain.points.length - 1);
  const io = emptyIo();
  if (options.rollback === true) {
    for (const slots of dense) for (let b = 0; b < slots.length; b++) if (slots[b] !== ZERO_SLOT) moveBlock(io, state.store, slots[b]!, state.options.transforms);
    while (chain.anchor < chain.points.length - 1) advanceKeeping(state, chain, io);
    head.kind = 'synthetic-full';
    return { state: 'synthesized', point: describePoint(head, state.options.chunkSizeBytes), io, newPhysicalBytes: 0 };
  }
  const needed = copyBytesNeeded(state, dense);
  if (state.store.physicalBytes + needed > state.options.capacityBytes) return { state: 'out-of-capacity', neededPhysicalBytes: needed };
  const newPhysicalBytes = copyIntoNewFull(state, dense, io, state.catalog.arenaOf(machine));
  moveHeadToNewChain(state, chain, dense);
  head.kind = 'synthetic-full';
  return { state: 'synthesized', point: describePoint(head, state.options.chunkSizeBytes), io, newPhysicalBytes };
}

/** Physical bytes the copies of plain blocks will take (nothing under 'clone', nothing for deduplicated blocks). */
function copyBytesNeeded(state: RepositoryState<string>, dense: Uint32Array[]): number {
  if (state.options.transforms === 'clone') return 0;
  let bytes = 0;
  for (const slots of dense) {
    for (let b = 0; b < slots.length; b++) {
      const s = slots[b]!;
      if (s !== ZERO_SLOT && !state.store.isIndexed(s)) bytes += state.store.physicalBytesOf(s);
    }
  }
  return bytes;
}

/** Reads every block and writes it into the new full; plain blocks land as new copies in a new container. */
function copyIntoNewFull(state: RepositoryState<string>, dense: Uint32Array[], io: RepositoryIo, arena: number): number {
  const { store } = state;
  const container = state.catalog.newContainer();
  const scratch = new Uint32Array(state.options.chunksPerBlock);
  let written = 0;
  for (const slots of dense) {
    for (let b = 0; b < slots.length; b++) {
      const s = slots[b]!;
      if (s === ZERO_SLOT || !moveBlock(io, store, s, state.options.transforms)) continue;
      const length = store.copyContent(s, scratch, 0);
      const physical = store.physicalBytesOf(s);
      const copy = store.allocate(scratch, 0, length, physical, container, false, arena);
      written += physical;
      slots[b] = copy;
    }
  }
  return written;
}

/** The newest point leaves its chain (which closes) and anchors a new chain of the same mode. */
function moveHeadToNewChain<L extends string>(state: RepositoryState<L>, chain: ChainRecord<L>, dense: Uint32Array[]): void {
  const head = chain.points.pop()!;
  // Reference the new full before releasing the increment, so no block it keeps is queued for GC.
  const increment = head.file;
  head.file = { form: 'full', maps: dense.map((d) => FullMap.fromDense(d)) };
  head.moveCost = null;
  referenceFile(state.store, head.file, 1);
  referenceFile(state.store, increment, -1);
  chain.open = false;
  const next: ChainRecord<L> = {
    id: state.catalog.newChainId(),
    machine: chain.machine,
    mode: chain.mode,
    disks: chain.disks,
    points: [head],
    anchor: 0,
    open: true,
    headNonZero: chain.disks.map((disk, i) => nonZeroOf(dense[i]!, disk, state.options.chunkSizeBytes).bits),
  };
  head.chain = next;
  state.catalog.machine(chain.machine).chains.push(next);
}
