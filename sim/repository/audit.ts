/**
 * A full consistency check of a repository, for tests and contract suites:
 * recomputes from the catalog and the store everything the repository keeps
 * incrementally, and lists every disagreement in words (empty when sound).
 *
 * It checks that every kept file's block is stored (nothing a kept point needs
 * was lost), that each reference count equals the number of file entries
 * pointing at the block, that the index finds exactly the indexed blocks,
 * that the running totals are right, that physical bytes never exceed logical
 * bytes, and that every chain has its shape (catalog.ts). Cost is linear in
 * the store and the catalog: a test tool, not for the hot path.
 */
import { ZERO_SLOT } from './chunk-store.js';
import type { ChainRecord } from './catalog.js';
import type { RepositoryState } from './state.js';

export function auditRepository(state: RepositoryState<string>): string[] {
  const problems: string[] = [];
  state.store.settle(state.sorter);
  const counts = new Uint32Array(state.store.slotLimit);
  let pointCount = 0;
  for (const machine of state.catalog.machines.values()) {
    for (const chain of machine.chains) {
      checkChainShape(state, chain, problems);
      pointCount += chain.points.length;
      for (const p of chain.points) {
        const maps = p.file.form === 'full' ? p.file.maps.map((m) => m.entries()) : p.file.deltas.map((d) => d.slots);
        for (const slots of maps) for (const s of slots) if (s !== ZERO_SLOT) counts[s]!++;
      }
    }
  }
  if (pointCount !== state.catalog.points.size) problems.push(`catalog lists ${state.catalog.points.size} points, chains hold ${pointCount}`);
  checkBlocks(state, counts, problems);
  return problems;
}

function checkChainShape(state: RepositoryState<string>, chain: ChainRecord<string>, problems: string[]): void {
  const where = `chain ${chain.id} (${chain.machine})`;
  if (chain.points.length === 0) problems.push(`${where}: no points`);
  chain.points.forEach((p, i) => {
    const expected = i < chain.anchor ? 'reverse-increment' : i === chain.anchor ? 'full' : 'forward-increment';
    if (p.file.form !== expected) problems.push(`${where}: point ${p.id} is a ${p.file.form}, expected ${expected}`);
    if (p.chain !== chain) problems.push(`${where}: point ${p.id} names chain ${p.chain.id}`);
    if (i > 0 && !(p.timeSec > chain.points[i - 1]!.timeSec)) problems.push(`${where}: points out of time order at ${p.id}`);
    if (state.catalog.points.get(p.id) !== p) problems.push(`${where}: point ${p.id} missing from the catalog`);
  });
}

function checkBlocks(state: RepositoryState<string>, counts: Uint32Array, problems: string[]): void {
  const { store, index } = state;
  let stored = 0;
  let physical = 0;
  let storedLogical = 0;
  let referencedLogical = 0;
  let unreferenced = 0;
  let indexed = 0;
  const scratch = new Uint32Array(state.options.chunksPerBlock);
  for (let s = 1; s < store.slotLimit; s++) {
    if (!store.isLive(s)) {
      if (counts[s]! > 0) problems.push(`slot ${s}: referenced ${counts[s]} times but not stored (a kept point lost a block)`);
      continue;
    }
    stored++;
    physical += store.physicalBytesOf(s);
    storedLogical += store.logicalBytesOf(s);
    referencedLogical += counts[s]! * store.logicalBytesOf(s);
    if (counts[s] === 0) unreferenced++;
    if (store.refCount(s) !== counts[s]) problems.push(`slot ${s}: reference count ${store.refCount(s)}, but ${counts[s]} file entries refer to it`);
    if (store.physicalBytesOf(s) > store.logicalBytesOf(s)) problems.push(`slot ${s}: physical bytes exceed logical bytes`);
    if (!store.isIndexed(s)) continue;
    indexed++;
    const length = store.copyContent(s, scratch, 0);
    if (index.find(scratch, 0, length, store.fingerprintOfSlot(s)) !== s) problems.push(`slot ${s}: indexed but the index does not find it`);
  }
  if (indexed !== index.size) problems.push(`index holds ${index.size} entries for ${indexed} indexed blocks`);
  const totals: [string, number, number][] = [
    ['storedBlocks', store.storedBlocks, stored],
    ['physicalBytes', store.physicalBytes, physical],
    ['storedLogicalBytes', store.storedLogicalBytes, storedLogical],
    ['referencedLogicalBytes', store.referencedLogicalBytes, referencedLogical],
    ['unreferencedBlocks', store.unreferencedBlocks, unreferenced],
  ];
  for (const [name, kept, recomputed] of totals) if (kept !== recomputed) problems.push(`${name} is ${kept}, recomputed ${recomputed}`);
  if (physical > storedLogical) problems.push(`physical bytes ${physical} exceed logical bytes ${storedLogical}`);
}
