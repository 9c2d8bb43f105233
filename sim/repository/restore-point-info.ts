/**
 * What callers see of a restore point: a plain, frozen copy of the catalog
 * record (STYLE.md, principle 12: results are data). Holding one never keeps
 * a point alive, and changing the repository never changes one already handed
 * out; ask again for the current state.
 */
import type { ChainMode, PointForm, PointKind, PointRecord } from './catalog.js';
import type { ChainDisk } from './catalog.js';

export interface RestorePointDisk {
  readonly name: string;
  readonly chunkCount: number;
  /** Logical bytes of the image's non-zero blocks (what a full restore of the disk moves). */
  readonly logicalBytes: number;
}

export interface RestorePointInfo<L extends string = string> {
  readonly id: number;
  readonly machine: string;
  /** Simulated time of the recovery point, seconds. */
  readonly timeSec: number;
  readonly kind: PointKind;
  readonly form: PointForm;
  readonly consistency: L;
  readonly chainId: number;
  readonly chainMode: ChainMode;
  /** The point this point's file is relative to (null for a full): it cannot be removed while this one is kept. */
  readonly dependsOn: number | null;
  readonly disks: readonly RestorePointDisk[];
  /** Logical bytes of the whole image at this point (non-zero blocks of every disk). */
  readonly logicalBytes: number;
  /** Logical bytes of the non-zero blocks held by this point's own backup file. */
  readonly fileLogicalBytes: number;
  /** Physical bytes that landed on the repository when the point was created. */
  readonly writtenPhysicalBytes: number;
}

export function describePoint<L extends string>(point: PointRecord<L>, chunkSizeBytes: number): RestorePointInfo<L> {
  const chain = point.chain;
  const index = chain.points.indexOf(point);
  const dependsOn = index < chain.anchor ? chain.points[index + 1]!.id : index > chain.anchor ? chain.points[index - 1]!.id : null;
  let logicalBytes = 0;
  const disks = chain.disks.map((d, i) => {
    logicalBytes += point.diskLogicalBytes[i]!;
    return Object.freeze({ name: d.name, chunkCount: d.chunkCount, logicalBytes: point.diskLogicalBytes[i]! });
  });
  return Object.freeze({
    id: point.id,
    machine: point.machine,
    timeSec: point.timeSec,
    kind: point.kind,
    form: point.file.form,
    consistency: point.consistency,
    chainId: chain.id,
    chainMode: chain.mode,
    dependsOn,
    disks: Object.freeze(disks),
    logicalBytes,
    fileLogicalBytes: point.file.form === 'full' ? logicalBytes : deltaLogicalBytes(point, chain.disks, chunkSizeBytes),
    writtenPhysicalBytes: point.writtenPhysicalBytes,
  });
}

function deltaLogicalBytes(point: PointRecord<string>, disks: readonly ChainDisk[], chunkSizeBytes: number): number {
  if (point.file.form === 'full') return 0;
  let chunks = 0;
  // A loop, not forEach with an arrow made per call, so V8 keeps its optimized code from one run to the next.
  const deltas = point.file.deltas;
  for (let i = 0; i < deltas.length; i++) {
    const delta = deltas[i]!;
    const d = disks[i]!;
    for (let j = 0; j < delta.blocks.length; j++) {
      if (delta.slots[j] === 0) continue;
      const b = delta.blocks[j]!;
      chunks += Math.min(d.chunksPerBlock, d.chunkCount - b * d.chunksPerBlock);
    }
  }
  return chunks * chunkSizeBytes;
}
