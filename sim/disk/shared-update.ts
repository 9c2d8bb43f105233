/**
 * A shared update ("patch day"): the same new content written to many VMs.
 *
 * An update targets one OS template. It picks, once, which chunks of the
 * template image it replaces and reserves fresh ids for them; applying it to a
 * VM writes exactly those ids at exactly those chunks. Every patched VM
 * therefore changes the same chunks to the same content: a backup after patch
 * day has many changed chunks per VM but, with dedupe, almost nothing new to
 * store beyond one copy of the patch.
 */
import { ConfigError, fail, requirePositive } from '../engine/errors.js';
import type { RandomStream } from '../engine/random.js';
import type { ContentSpace } from './content-space.js';
import type { TemplatePool } from './template-pool.js';
import type { ChunkWriter } from './virtual-disk.js';
import type { VmDiskLayout } from './vm-disk.js';

export interface SharedUpdateSpec {
  /** Component path, e.g. `update/2011-06-patch-tuesday`. */
  name: string;
  template: string;
  /** Bytes of the image the update rewrites; rounded up to whole chunks. */
  sizeBytes: number;
}

export class SharedUpdate {
  readonly name: string;
  readonly template: string;
  /** Chunk offsets inside the template image, ascending. */
  readonly chunkOffsets: Uint32Array;
  /** The update's content: chunk offset k gets id `firstId + k`. */
  readonly firstId: number;

  constructor(spec: SharedUpdateSpec, pool: TemplatePool, space: ContentSpace, random: RandomStream) {
    requirePositive(spec.name, 'sizeBytes', spec.sizeBytes);
    const imageChunks = pool.imageChunkCount(spec.template, spec.name);
    const count = Math.ceil(spec.sizeBytes / space.chunkSizeBytes);
    if (count > imageChunks) {
      throw new ConfigError(spec.name, 'sizeBytes', spec.sizeBytes, `not exceed the ${spec.template} image (${imageChunks} chunks)`);
    }
    this.name = spec.name;
    this.template = spec.template;
    this.chunkOffsets = pickDistinct(imageChunks, count, random);
    this.firstId = space.allocate(count);
  }

  get chunkCount(): number {
    return this.chunkOffsets.length;
  }

  /** True when a disk with this layout carries the update's template. */
  appliesTo(layout: VmDiskLayout): boolean {
    return layout.template === this.template;
  }

  /** Writes the update into a VM disk (or its application buffer) at `atSec`. */
  apply(writer: ChunkWriter, layout: VmDiskLayout, atSec: number): void {
    // Callers pick the VMs to patch with appliesTo(); patching another OS is a programmer error.
    if (!this.appliesTo(layout)) fail(`${this.name} targets ${this.template}, not ${String(layout.template)}`);
    const base = layout.image.startChunk;
    for (let k = 0; k < this.chunkOffsets.length; k++) writer.writeChunk(base + this.chunkOffsets[k]!, this.firstId + k, atSec);
  }
}

/** `count` distinct whole numbers in [0, n), ascending (partial Fisher-Yates). */
function pickDistinct(n: number, count: number, random: RandomStream): Uint32Array {
  const pool = new Uint32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < count; i++) {
    const j = random.int(i, n - 1);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, count).sort();
}
