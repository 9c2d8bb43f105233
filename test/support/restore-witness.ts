/**
 * A witness of the protected data for restore tests: it remembers every
 * chunk write of every disk with its simulated time (as ContentProbe does),
 * so a restore can be compared with what the machine really held at its
 * point, independently of the repository and of any design.
 *
 * Several writes can land at one instant (a batch of guest writes, an
 * application's flush at a quiesce), and a snapshot at that instant sees
 * the disk between some of them. The witness answers with the disk after
 * all writes before t and the prefix of the writes at t that differs least
 * from what the restore claims; it never copies content from the restore.
 */
import { FrozenImage, type ChunkImage } from '../../sim/disk/chunk-image.js';
import type { World } from '../../sim/world/world.js';
import type { PointWitness } from '../../strategies/restore/index.js';

interface DiskHistory {
  initial: Uint32Array;
  chunkSizeBytes: number;
  times: number[];
  chunks: number[];
  ids: number[];
}

export class HistoryWitness implements PointWitness {
  private readonly disks = new Map<string, DiskHistory[]>();
  /** How many times a restore was compared with the witness. */
  asked = 0;

  constructor(world: World) {
    for (const m of world.machines) {
      this.disks.set(
        m.path,
        m.guest.disks.map((disk) => {
          const h: DiskHistory = { initial: disk.read(0, disk.chunkCount), chunkSizeBytes: disk.chunkSizeBytes, times: [], chunks: [], ids: [] };
          disk.addListener({
            onChunkWrite: (chunk, _old, id) => {
              h.times.push(world.sim.now);
              h.chunks.push(chunk);
              h.ids.push(id);
            },
          });
          return h;
        }),
      );
    }
  }

  imagesAt(machinePath: string, timeSec: number, restored: readonly ChunkImage[]): readonly ChunkImage[] | undefined {
    const disks = this.disks.get(machinePath);
    if (disks === undefined) return undefined;
    this.asked++;
    return disks.map((h, d) => new FrozenImage(stateAt(h, timeSec, restored[d]!), h.chunkSizeBytes));
  }
}

/** The disk after all writes before t and the best prefix of the writes at t (see the header). */
function stateAt(h: DiskHistory, timeSec: number, claim: ChunkImage): Uint32Array {
  const state = h.initial.slice();
  let k = 0;
  for (; k < h.times.length && h.times[k]! < timeSec; k++) state[h.chunks[k]!] = h.ids[k]!;
  const got = claim.read(0, claim.chunkCount);
  let diff = 0;
  for (let c = 0; c < state.length; c++) if (got[c] !== state[c]) diff++;
  let best = state.slice();
  let bestDiff = diff;
  for (; k < h.times.length && h.times[k] === timeSec; k++) {
    const c = h.chunks[k]!;
    const before = got[c] !== state[c];
    state[c] = h.ids[k]!;
    diff += (got[c] !== state[c] ? 1 : 0) - (before ? 1 : 0);
    if (diff < bestDiff) {
      bestDiff = diff;
      best = state.slice();
    }
  }
  return best;
}
