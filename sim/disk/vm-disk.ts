/**
 * Builds a VM's disk with its initial content, before a run starts.
 *
 * Layout (chunk indices): `[template image][application data][zeros...]`.
 * The template image is the shared OS content from the TemplatePool (so every
 * VM of one template holds the same ids there); application data gets fresh
 * ids unique to this VM; the rest of a thin disk is unallocated (id 0). A data
 * disk has no template and starts at the application data.
 *
 * The returned layout tells the guest file system where to place OS files and
 * data files, and a shared update where the template's chunks are.
 */
import { ConfigError, requireNonNegative } from '../engine/errors.js';
import type { ContentSpace } from './content-space.js';
import type { TemplatePool } from './template-pool.js';
import { VirtualDisk, type Provisioning } from './virtual-disk.js';

export interface VmDiskContentSpec {
  /** Component path, e.g. `vm/sql-01/disk/0`. */
  name: string;
  provisionedBytes: number;
  /** OS template installed at chunk 0; omit for a data disk. */
  template?: string;
  /** Unique per-VM data written after the image (default 0). Rounded up to whole chunks. */
  appDataBytes?: number;
  provisioning?: Provisioning;
}

/** A run of chunks `[startChunk, startChunk + chunkCount)`. */
export interface ChunkRegion {
  startChunk: number;
  chunkCount: number;
}

export interface VmDiskLayout {
  template: string | undefined;
  image: ChunkRegion;
  appData: ChunkRegion;
}

export interface BuiltVmDisk {
  disk: VirtualDisk;
  layout: VmDiskLayout;
}

export function buildVmDisk(spec: VmDiskContentSpec, pool: TemplatePool, space: ContentSpace): BuiltVmDisk {
  const chunkSizeBytes = space.chunkSizeBytes;
  if (pool.chunkSizeBytes !== chunkSizeBytes) {
    throw new ConfigError(spec.name, 'chunkSizeBytes', pool.chunkSizeBytes, `equal the content space's ${chunkSizeBytes}`);
  }
  const appDataBytes = requireNonNegative(spec.name, 'appDataBytes', spec.appDataBytes ?? 0);
  const imageChunks = spec.template === undefined ? 0 : pool.imageChunkCount(spec.template, spec.name);
  const appChunks = Math.ceil(appDataBytes / chunkSizeBytes);
  const disk = new VirtualDisk({
    name: spec.name,
    provisionedBytes: spec.provisionedBytes,
    chunkSizeBytes,
    ...(spec.provisioning !== undefined ? { provisioning: spec.provisioning } : {}),
  });
  if (imageChunks + appChunks > disk.chunkCount) {
    throw new ConfigError(
      spec.name,
      'provisionedBytes',
      spec.provisionedBytes,
      `hold the template image and application data (${(imageChunks + appChunks) * chunkSizeBytes} bytes)`,
    );
  }
  if (spec.template !== undefined) disk.writeRange(0, pool.image(spec.template));
  if (appChunks > 0) disk.writeSequential(imageChunks, appChunks, space.allocate(appChunks));
  return {
    disk,
    layout: {
      template: spec.template,
      image: { startChunk: 0, chunkCount: imageChunks },
      appData: { startChunk: imageChunks, chunkCount: appChunks },
    },
  };
}
