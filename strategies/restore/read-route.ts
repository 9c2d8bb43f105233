/**
 * What reading a restore point costs the target, as a route per byte
 * restored (DESIGN.md decision 4: every transfer is a flow on resources).
 *
 * The target's own `readHops()` say what one byte read back costs it: its
 * disks' bandwidth and IOPS, or a deduplicating appliance's rehydration CPU
 * (DOMAIN.md: "on deduplicating appliances random reads rehydrate data").
 * A restore reads more than it restores, in two ways, and both scale those
 * hops without asking what kind of target it is:
 *
 * - Sequential restores (a VM, a disk, a tape copy) read every stored block
 *   of the point in block order. The point's read locality
 *   (sim/repository/read-locality.ts) counts the sequential runs; each new
 *   run costs a repositioning, charged as the reading of
 *   `REPOSITION_COST_BLOCKS` more blocks. A fresh full is one run; the newest
 *   point of a long deduplicated or forever-forward chain reads its blocks
 *   from the containers of every earlier backup, so it restores slower
 *   (Kaczmarczyk, SYSTOR'12: 12-55% slower from fragmentation, DOMAIN.md;
 *   the figure must come out of a run, never be applied here).
 * - Random reads (a VM running from its backup: instant recovery, lab,
 *   verification) fetch one application I/O at a time, and every one of them
 *   reads, decompresses (and on an appliance rehydrates) the whole stored
 *   block that holds it, after a repositioning of its own.
 */
import type { Hop } from '../../sim/flow/network.js';
import type { ReadLocality } from '../../sim/repository/index.js';

/**
 * Assumed: one repositioning costs the target as much as reading one more
 * stored block (a seek on the repository's disks is of the order of the
 * transfer time of one 1 MiB block). DOMAIN.md gives no figure; the slowdown
 * it produces is measured by test/restore-flows.test.ts and shown next to
 * Kaczmarczyk's range, not fitted to it.
 */
export const REPOSITION_COST_BLOCKS = 1;

/** The shape of a read: what is moved and how scattered it is. */
export interface ReadShape {
  /** Bytes the restore delivers (non-zero blocks, uncompressed). */
  logicalBytes: number;
  /** Stored (compressed) bytes of those blocks. */
  physicalBytes: number;
  blocks: number;
  runs: number;
}

export function shapeOf(locality: ReadLocality): ReadShape {
  return { logicalBytes: locality.logicalBytes, physicalBytes: locality.physicalBytes, blocks: locality.blocks, runs: locality.runs };
}

/** Bytes the target reads (stored bytes plus the repositionings' cost) per byte delivered. */
export function sequentialReadFactor(shape: ReadShape): number {
  if (shape.logicalBytes <= 0 || shape.blocks <= 0) return 1;
  const meanBlockBytes = shape.physicalBytes / shape.blocks;
  return (shape.physicalBytes + shape.runs * REPOSITION_COST_BLOCKS * meanBlockBytes) / shape.logicalBytes;
}

/**
 * Bytes the target reads per byte an application reads at random in I/Os of
 * `ioSizeBytes`: one stored block and one repositioning per I/O.
 */
export function randomReadFactor(shape: ReadShape, ioSizeBytes: number): number {
  if (shape.blocks <= 0) return 1;
  const meanBlockBytes = shape.physicalBytes / shape.blocks;
  return Math.max(1, ((1 + REPOSITION_COST_BLOCKS) * meanBlockBytes) / ioSizeBytes);
}

/** The hops with every coefficient multiplied by `factor` (a byte that costs them `factor` times). */
export function scaleHops(hops: readonly Hop[], factor: number): Hop[] {
  return hops.map((h) => ({ resource: h.resource, coef: (h.coef ?? 1) * factor }));
}
