/**
 * Garbage collection: frees stored blocks no backup file refers to any more.
 *
 * Retention, merges and aborted backups only drop references. The collector
 * settles the logged drops (chunk-store.ts) and frees the blocks left
 * unreferenced, plus earlier candidates (orphans of aborted backups) still
 * unreferenced, so its work follows what changed, not the size of the store.
 * A block referenced again in the meantime (a new backup deduplicated against
 * it) is simply skipped. Freeing is metadata work: no data I/O is charged.
 *
 * Every sweep goes in address order: records are settled and freed in slot
 * order, and index entries, scattered by content id, are removed sorted by
 * position (radix-sort.ts). Sorting is a fixed rule, so the outcome is
 * deterministic.
 */
import type { RepositoryState } from './state.js';
import { U32Stack } from './u32-stack.js';

export interface GcOutcome {
  freedBlocks: number;
  freedPhysicalBytes: number;
  freedLogicalBytes: number;
}

export class GarbageCollector {
  private readonly positions = new U32Stack();
  private readonly slots = new U32Stack();

  collect(state: RepositoryState<string>): GcOutcome {
    const { store, index } = state;
    const outcome: GcOutcome = { freedBlocks: 0, freedPhysicalBytes: 0, freedLogicalBytes: 0 };
    const { positions, slots } = this;
    // A block's index position is read before it is released, while it still holds its content.
    const free = (slot: number): void => {
      if (!store.isLive(slot) || store.refCount(slot) !== 0) return;
      if (store.isIndexed(slot)) {
        positions.push(index.positionOf(slot));
        slots.push(slot);
      }
      outcome.freedLogicalBytes += store.logicalBytesOf(slot);
      outcome.freedPhysicalBytes += store.release(slot);
      outcome.freedBlocks++;
    };
    store.drainCandidates(state.sorter, free);
    store.settle(state.sorter, free);
    const at = positions.view();
    const which = slots.view();
    state.sorter.sort(at, at.length, which);
    for (let i = 0; i < at.length; i++) index.remove(which[i]!, at[i]!);
    positions.clear();
    slots.clear();
    if (outcome.freedBlocks > 0) {
      state.indexVersion++;
      state.indexRemovals++;
    }
    return outcome;
  }
}
