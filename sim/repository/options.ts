/**
 * A repository's options, their defaults (filled in one place) and their
 * validation (STYLE.md, principle 7).
 *
 * Block size: a repository block is one or more disk chunks. Veeam's block
 * sizes are 1 MiB (local target, the default), 512 KiB (LAN), 256 KiB (WAN),
 * 4 MiB and 8 MiB (large); Proxmox Backup Server uses fixed 4 MiB chunks for VM
 * images (DOMAIN.md, reference figures). Content ids only exist at the disk's
 * chunk size, so a block must be a whole number of chunks: to model 256 KiB
 * WAN blocks, build the disks at 256 KiB (or smaller) chunks.
 *
 * Compression: "about 2x; stored data about 50% of source" (Veeam best-practice
 * guide, DOMAIN.md), so each block keeps a fraction of its bytes drawn around
 * 0.5 (compression.ts).
 *
 * Transforms: how chain transformations (merge, synthetic full, rollbacks)
 * move blocks between backup files. 'copy' is a plain file-system repository:
 * every moved block is read and written again, which is what the DOMAIN.md
 * I/O-per-block table describes. 'clone' moves references only, as block
 * cloning file systems (ReFS, XFS), virtual-synthetics appliances and
 * content-addressed stores (Proxmox) do, so transforms cost no data I/O.
 */
import { ConfigError } from '../engine/errors.js';
import { KIB, MIB } from '../disk/units.js';

export type TransformMode = 'copy' | 'clone';

/** Veeam's storage-optimisation block sizes and Proxmox's chunk size (DOMAIN.md). */
export const BLOCK_SIZE_PRESETS = {
  /** Veeam "local target", the default. */
  local: 1 * MIB,
  /** Veeam "LAN target". */
  lan: 512 * KIB,
  /** Veeam "WAN target". */
  wan: 256 * KIB,
  /** Veeam "local target (large blocks)"; also Proxmox Backup Server's fixed VM-image chunk. */
  large: 4 * MIB,
  /** Veeam "local target (extra large blocks)". */
  'extra-large': 8 * MIB,
} as const;

/** A block holds at most this many chunks (bounds the per-block scratch work). */
export const MAX_CHUNKS_PER_BLOCK = 1024;

/** Largest block, 64 MiB: eight times Veeam's largest (per-block sizes are held in 32-bit arrays). */
export const MAX_BLOCK_BYTES = 64 * MIB;

export interface CompressionOptions {
  /** Mean fraction of a block's bytes kept after compression, in (0, 1] (default 0.5: "about 2x"). */
  meanStoredFraction?: number;
  /** Width of the uniform spread of that fraction around its mean (default 0.3: each block keeps 35-65%). */
  spread?: number;
}

export interface RepositoryOptions {
  /** Component path, e.g. `target/repo-01/store`. */
  name: string;
  /** Chunk size of the disks (and ContentSpace) whose images are backed up here. */
  chunkSizeBytes: number;
  /** Repository block size, a whole multiple of `chunkSizeBytes` (default: the smallest such multiple >= 1 MiB). */
  blockSizeBytes?: number;
  /** 'off' stores every block at its full size (default: on, about 2x). */
  compression?: CompressionOptions | 'off';
  /** How chain transformations move blocks (default 'copy', a plain file-system repository). */
  transforms?: TransformMode;
  /** Physical bytes the repository can hold (default Infinity). */
  capacityBytes?: number;
  /**
   * Sizing hint: blocks the store is expected to hold, to avoid regrowing the
   * fingerprint index of multi-chunk blocks (default 2^16). The store and the
   * one-chunk index grow by segments as they fill, never by copying.
   */
  expectedStoredBlocks?: number;
}

export interface ResolvedCompression {
  /** Lowest and highest stored fraction; both in (0, 1], equal when compression is off. */
  minStoredFraction: number;
  maxStoredFraction: number;
}

export interface ResolvedRepositoryOptions {
  name: string;
  chunkSizeBytes: number;
  blockSizeBytes: number;
  chunksPerBlock: number;
  compression: ResolvedCompression;
  transforms: TransformMode;
  capacityBytes: number;
  expectedStoredBlocks: number;
}

export function resolveRepositoryOptions(options: RepositoryOptions): ResolvedRepositoryOptions {
  const name = options.name;
  if (typeof name !== 'string' || name.length === 0) throw new ConfigError('repository', 'name', name, 'be a non-empty string');
  const chunk = options.chunkSizeBytes;
  if (!(Number.isSafeInteger(chunk) && chunk > 0)) throw new ConfigError(name, 'chunkSizeBytes', chunk, 'be a whole number of bytes > 0');
  const blockSizeBytes = options.blockSizeBytes ?? Math.ceil(MIB / chunk) * chunk;
  const chunksPerBlock = blockSizeBytes / chunk;
  if (!(Number.isSafeInteger(chunksPerBlock) && chunksPerBlock >= 1)) {
    throw new ConfigError(name, 'blockSizeBytes', blockSizeBytes, `be a whole multiple of the ${chunk}-byte disk chunk (build the disks at a smaller chunk size for smaller blocks)`);
  }
  if (blockSizeBytes > MAX_BLOCK_BYTES) throw new ConfigError(name, 'blockSizeBytes', blockSizeBytes, `be at most ${MAX_BLOCK_BYTES} bytes`);
  if (chunksPerBlock > MAX_CHUNKS_PER_BLOCK) {
    throw new ConfigError(name, 'blockSizeBytes', blockSizeBytes, `hold at most ${MAX_CHUNKS_PER_BLOCK} chunks of ${chunk} bytes`);
  }
  const transforms = options.transforms ?? 'copy';
  if (transforms !== 'copy' && transforms !== 'clone') throw new ConfigError(name, 'transforms', transforms, 'be "copy" or "clone"');
  const capacityBytes = options.capacityBytes ?? Infinity;
  if (!(typeof capacityBytes === 'number' && capacityBytes >= 0)) throw new ConfigError(name, 'capacityBytes', capacityBytes, 'be a number of bytes >= 0');
  const expectedStoredBlocks = options.expectedStoredBlocks ?? 1 << 16;
  if (!(Number.isSafeInteger(expectedStoredBlocks) && expectedStoredBlocks >= 1 && expectedStoredBlocks <= 2 ** 30)) {
    throw new ConfigError(name, 'expectedStoredBlocks', expectedStoredBlocks, 'be a whole number in [1, 2^30]');
  }
  return {
    name,
    chunkSizeBytes: chunk,
    blockSizeBytes,
    chunksPerBlock,
    compression: resolveCompression(name, options.compression),
    transforms,
    capacityBytes,
    expectedStoredBlocks,
  };
}

function resolveCompression(name: string, options: CompressionOptions | 'off' | undefined): ResolvedCompression {
  if (options === 'off') return { minStoredFraction: 1, maxStoredFraction: 1 };
  const mean = options?.meanStoredFraction ?? 0.5;
  const spread = options?.spread ?? 0.3;
  if (!(Number.isFinite(mean) && mean > 0 && mean <= 1)) throw new ConfigError(name, 'compression.meanStoredFraction', mean, 'be in (0, 1]');
  if (!(Number.isFinite(spread) && spread >= 0)) throw new ConfigError(name, 'compression.spread', spread, 'be a finite number >= 0');
  const min = mean - spread / 2;
  const max = mean + spread / 2;
  if (!(min > 0 && max <= 1)) {
    throw new ConfigError(name, 'compression.spread', spread, `keep the stored fraction within (0, 1] around the mean ${mean}`);
  }
  return { minStoredFraction: min, maxStoredFraction: max };
}
