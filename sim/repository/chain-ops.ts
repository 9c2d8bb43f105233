/**
 * The structural operations on a chain (see catalog.ts for its shape), each
 * keeping the reference counts and adding the I/O it costs:
 * - materialize: the dense map of any point (anchor, then the deltas between);
 * - merge: the oldest increment is written into the full, and the old full's
 *   point goes (forever-forward retention);
 * - advance keeping: the full moves one point forward and the blocks it
 *   replaces form the old anchor's rollback (reverse incremental, synthetic
 *   full with rollback);
 * - remove the oldest rollback, or the whole chain (retention).
 */
import { fail } from '../engine/errors.js';
import { applyDelta, binarySearch, swapIntoDense } from './block-maps.js';
import { ZERO_SLOT } from './chunk-store.js';
import type { ChainRecord, PointRecord } from './catalog.js';
import { moveBlock, moveFile, type RepositoryIo } from './repository-io.js';
import { referenceFile, type RepositoryState } from './state.js';

/** Per disk, the slot of every block of the point at `index` (fresh arrays). */
export function materialize(chain: ChainRecord<string>, index: number): Uint32Array[] {
  const anchor = chain.points[chain.anchor]!;
  if (anchor.file.form !== 'full') fail(`chain ${chain.id}: anchor point ${anchor.id} holds no full`);
  const dense = anchor.file.maps.map((m) => m.denseCopy());
  const step = index > chain.anchor ? 1 : -1;
  for (let j = chain.anchor + step; step > 0 ? j <= index : j >= index; j += step) {
    const file = chain.points[j]!.file;
    if (file.form === 'full') fail(`chain ${chain.id}: two fulls`);
    file.deltas.forEach((delta, d) => applyDelta(dense[d]!, delta));
  }
  return dense;
}

/** Slot of one block of the point at `index`, walking from the point towards the anchor. */
export function slotAt(chain: ChainRecord<string>, index: number, disk: number, block: number): number {
  const step = index > chain.anchor ? -1 : 1;
  for (let j = index; j !== chain.anchor; j += step) {
    const file = chain.points[j]!.file;
    if (file.form === 'full') fail(`chain ${chain.id}: two fulls`);
    const { blocks, slots } = file.deltas[disk]!;
    const at = binarySearch(blocks, block);
    if (at >= 0) return slots[at]!;
  }
  const anchor = chain.points[chain.anchor]!.file;
  if (anchor.form !== 'full') fail(`chain ${chain.id}: anchor holds no full`);
  return anchor.maps[disk]!.slotAt(block);
}

/** Forever-forward merge: the oldest increment goes into the full; the old full's point is removed. */
export function mergeOldest(state: RepositoryState<string>, chain: ChainRecord<string>, io: RepositoryIo): PointRecord<string> {
  if (!(chain.anchor === 0 && chain.points.length >= 2)) fail(`merge on chain ${chain.id}: needs the full first and an increment after it`);
  const [old, next] = chain.points as [PointRecord<string>, PointRecord<string>];
  if (old.file.form !== 'full' || next.file.form !== 'forward-increment') fail(`merge on chain ${chain.id}: unexpected file forms`);
  const maps = old.file.maps;
  const dense = maps.map((m) => m.mutableDense());
  const transforms = state.options.transforms;
  if (next.moveCost !== null) moveFile(io, next.moveCost, transforms);
  next.file.deltas.forEach((delta, d) => {
    const replaced = swapIntoDense(dense[d]!, delta).slots;
    for (let i = 0; i < replaced.length; i++) {
      const incoming = delta.slots[i]!;
      if (incoming !== ZERO_SLOT && next.moveCost === null) moveBlock(io, state.store, incoming, transforms);
      if (replaced[i] !== ZERO_SLOT) state.store.unref(replaced[i]!);
    }
  });
  next.file = { form: 'full', maps };
  next.moveCost = null;
  chain.points.shift();
  state.catalog.points.delete(old.id);
  return old;
}

/** The full moves from the anchor to the next point; the replaced blocks become the old anchor's rollback. */
export function advanceKeeping(state: RepositoryState<string>, chain: ChainRecord<string>, io: RepositoryIo): void {
  const old = chain.points[chain.anchor]!;
  const next = chain.points[chain.anchor + 1];
  if (next === undefined || old.file.form !== 'full' || next.file.form !== 'forward-increment') fail(`chain ${chain.id}: nothing to advance the full onto`);
  const maps = old.file.maps;
  const rollbacks = next.file.deltas.map((delta, d) => swapIntoDense(maps[d]!.mutableDense(), delta));
  for (const r of rollbacks) for (let i = 0; i < r.slots.length; i++) if (r.slots[i] !== ZERO_SLOT) moveBlock(io, state.store, r.slots[i]!, state.options.transforms);
  old.file = { form: 'reverse-increment', deltas: rollbacks };
  next.file = { form: 'full', maps };
  next.moveCost = null;
  chain.anchor++;
}

/** Removes the chain's oldest point, a rollback nothing depends on. */
export function removeOldestRollback(state: RepositoryState<string>, chain: ChainRecord<string>): PointRecord<string> {
  if (chain.anchor === 0) fail(`chain ${chain.id}: its oldest point is the full`);
  const oldest = chain.points.shift()!;
  referenceFile(state.store, oldest.file, -1);
  chain.anchor--;
  state.catalog.points.delete(oldest.id);
  return oldest;
}

/** Removes every point of a chain and the chain itself. */
export function deleteChain(state: RepositoryState<string>, chain: ChainRecord<string>): PointRecord<string>[] {
  const removed = chain.points;
  for (const p of removed) {
    referenceFile(state.store, p.file, -1);
    state.catalog.points.delete(p.id);
  }
  chain.points = [];
  const machine = state.catalog.machines.get(chain.machine)!;
  machine.chains = machine.chains.filter((c) => c !== chain);
  return removed;
}
