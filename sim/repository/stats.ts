/**
 * Repository totals, as plain data for the results (STYLE.md, principle 12).
 *
 * Logical bytes come in three views: what the stored blocks hold
 * (`storedLogicalBytes`, each block once), what the backup files hold
 * (`referencedLogicalBytes`, a plain repository without dedupe or compression
 * would store exactly this), and what the kept restore points represent
 * (`restorableLogicalBytes`, every point's whole image). The data reduction
 * ratio is restorable / physical.
 */
import { pointLogicalBytes } from './catalog.js';
import type { RepositoryState } from './state.js';

export interface RepositoryStats {
  machines: number;
  chains: number;
  points: number;
  storedBlocks: number;
  physicalBytes: number;
  storedLogicalBytes: number;
  referencedLogicalBytes: number;
  restorableLogicalBytes: number;
  /** Stored blocks no file refers to, waiting for garbage collection. */
  unreferencedBlocks: number;
  /** restorableLogicalBytes / physicalBytes (0 when nothing is stored). */
  dataReductionRatio: number;
  capacityBytes: number;
  indexEntries: number;
  /** Bytes of typed arrays held by the chunk store, and by the index (not the catalog's maps). */
  storeMemoryBytes: number;
  indexMemoryBytes: number;
}

export function repositoryStats(state: RepositoryState<string>): RepositoryStats {
  const { store, catalog } = state;
  store.settle(state.sorter);
  let chains = 0;
  for (const m of catalog.machines.values()) chains += m.chains.length;
  let restorable = 0;
  for (const p of catalog.points.values()) restorable += pointLogicalBytes(p);
  return {
    machines: catalog.machines.size,
    chains,
    points: catalog.points.size,
    storedBlocks: store.storedBlocks,
    physicalBytes: store.physicalBytes,
    storedLogicalBytes: store.storedLogicalBytes,
    referencedLogicalBytes: store.referencedLogicalBytes,
    restorableLogicalBytes: restorable,
    unreferencedBlocks: store.unreferencedBlocks,
    dataReductionRatio: store.physicalBytes === 0 ? 0 : restorable / store.physicalBytes,
    capacityBytes: state.options.capacityBytes,
    indexEntries: state.index.size,
    storeMemoryBytes: store.byteLength,
    indexMemoryBytes: state.index.byteLength,
  };
}
