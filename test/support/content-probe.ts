/**
 * A test probe that remembers every disk's content over time, so a restore
 * point can be checked against what the machine's disk really held at the
 * point's time, chunk by chunk, independently of any design.
 *
 * It listens to every chunk write (with the simulated time it happened) and
 * keeps each disk's content at the start. Several writes can happen at one
 * instant (a batch of guest writes, an application flushing at a quiesce), and
 * a snapshot taken at that instant sees the disk before, between or after
 * them; so an image "matches time t" when it equals the disk's content after
 * some prefix of the writes made at t, after all writes made before t.
 */
import type { World } from '../../sim/world/world.js';
import type { ChunkImage } from '../../sim/disk/chunk-image.js';

interface DiskHistory {
  initial: Uint32Array;
  times: number[];
  chunks: number[];
  ids: number[];
}

export class ContentProbe {
  private readonly disks = new Map<string, DiskHistory>();

  constructor(world: World) {
    for (const m of world.machines) {
      m.guest.disks.forEach((disk, i) => {
        const h: DiskHistory = { initial: disk.read(0, disk.chunkCount), times: [], chunks: [], ids: [] };
        this.disks.set(`${m.path}/disk/${i}`, h);
        disk.addListener({
          onChunkWrite: (chunk, _old, id) => {
            h.times.push(world.sim.now);
            h.chunks.push(chunk);
            h.ids.push(id);
          },
        });
      });
    }
  }

  /** Null when `image` is the content of the disk at some moment of instant `timeSec`; otherwise a description of the first mismatch. */
  mismatchAt(machinePath: string, diskIndex: number, timeSec: number, image: ChunkImage): string | null {
    const h = this.disks.get(`${machinePath}/disk/${diskIndex}`);
    if (h === undefined) return `no disk ${diskIndex} on ${machinePath}`;
    const state = h.initial.slice();
    let k = 0;
    for (; k < h.times.length && h.times[k]! < timeSec; k++) state[h.chunks[k]!] = h.ids[k]!;
    const got = image.read(0, image.chunkCount);
    if (got.length !== state.length) return `image has ${got.length} chunks, the disk ${state.length}`;
    let diff = 0;
    for (let c = 0; c < state.length; c++) if (got[c] !== state[c]) diff++;
    // Walk the writes of this very instant, keeping the count of differing chunks.
    for (; diff > 0 && k < h.times.length && h.times[k] === timeSec; k++) {
      const c = h.chunks[k]!;
      const before = got[c] !== state[c];
      state[c] = h.ids[k]!;
      diff += (got[c] !== state[c] ? 1 : 0) - (before ? 1 : 0);
    }
    if (diff === 0) return null;
    let first = 0;
    while (got[first] === state[first]) first++;
    return `${diff} chunk(s) differ from ${machinePath} disk ${diskIndex} at ${timeSec} s; first: chunk ${first} holds ${got[first]}, the disk held ${state[first]}`;
  }
}
