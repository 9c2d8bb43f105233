/**
 * What a backup hands the repository, and what the repository answers.
 *
 * Dedupe placement decides where blocks are fingerprinted and what crosses
 * the network (DOMAIN.md: "source-side dedupe ... is preferred over dedupe at
 * the backup target: less data crosses the network"):
 * - 'none': nothing is fingerprinted; every non-zero block is sent and stored
 *   as a plain block (a plain disk repository);
 * - 'source': the agent or proxy fingerprints every non-zero block (source
 *   CPU), asks the target about each (32 bytes per block on the wire) and
 *   sends only the blocks the target lacks (Avamar, Arkeia, PHD);
 * - 'target': every non-zero block crosses the network; the target
 *   fingerprints on ingest (target CPU) and stores only what it lacks (a
 *   deduplicating appliance).
 * Zero blocks are detected at the source under every placement and never sent
 * or stored (Jin & Miller, SYSTOR'09: zero-block detection alone saves much).
 *
 * Compression happens at the source by default (the proxy compresses, then
 * sends) and at the target for target dedupe (vendors advise sending
 * uncompressed data to a deduplicating appliance, which compresses after
 * dedupe).
 */
import type { ChunkImage } from '../disk/chunk-image.js';
import type { ChainMode } from './catalog.js';
import type { RepositoryIo } from './repository-io.js';
import type { RestorePointInfo } from './restore-point-info.js';

export type DedupePlacement = 'none' | 'source' | 'target';
export const DEDUPE_PLACEMENTS: readonly DedupePlacement[] = ['none', 'source', 'target'];

export type CompressAt = 'source' | 'target';

export interface DiskSource {
  /** The disk's name within the machine, e.g. `disk/0`; stable across backups. */
  name: string;
  /** The content being backed up (a snapshot or point-in-time view), at the repository's chunk size. */
  image: ChunkImage;
  /**
   * Ascending chunk indices the source reads; each touches its whole block.
   * For a full, unread blocks are recorded as zeros (pass a tracker's
   * "all allocated" answer, or omit to read every chunk). For an incremental,
   * unread blocks keep the base point's content (pass the changed chunks, or
   * omit to read every chunk, as after a CBT reset). With one chunk per
   * block the array is handed over: the repository keeps it as the point's
   * block list (no copy), or, for a full, may write the point's slots into
   * it. Do not modify or read it afterwards, nor hand it to another plan.
   */
  readChunks?: Uint32Array;
}

interface IngestRequestBase<L extends string> {
  /** The protected machine, e.g. `vm/web-01`. */
  machine: string;
  /** Simulated time of the recovery point (the snapshot), seconds; later than the machine's previous point. */
  timeSec: number;
  /** The caller's consistency label, e.g. 'application-consistent'. */
  consistency: L;
  placement: DedupePlacement;
  /** Default: 'target' under target dedupe, 'source' otherwise. */
  compressAt?: CompressAt;
  /** Every disk of the machine that this point covers. */
  disks: readonly DiskSource[];
}

/** A full starts a new chain; an incremental continues the machine's current chain in that chain's mode. */
export type IngestRequest<L extends string = string> =
  | (IngestRequestBase<L> & { kind: 'full'; /** Default 'forward'. */ chainMode?: ChainMode })
  | (IngestRequestBase<L> & { kind: 'incremental' });

/** Everything a backup costs, as numbers the caller turns into flows. Bytes are bytes; blocks are repository blocks. */
export interface IngestTraffic {
  /** Blocks the source read, and their bytes. */
  blocksRead: number;
  bytesReadAtSource: number;
  /** Blocks of zeros among them: detected at the source, never sent or stored. */
  zeroBlocks: number;
  zeroBytes: number;
  /** Non-zero blocks the repository already held (or that appeared earlier in this backup). */
  duplicateBlocks: number;
  /** Non-zero blocks the repository must store. */
  newBlocks: number;
  bytesHashedAtSource: number;
  bytesHashedAtTarget: number;
  bytesCompressedAtSource: number;
  bytesCompressedAtTarget: number;
  /** Data blocks that cross the network, and their bytes on the wire. */
  blocksSent: number;
  dataBytesSent: number;
  /** Fingerprints source dedupe sends to ask the target what it lacks. */
  fingerprintBytesSent: number;
  /** dataBytesSent + fingerprintBytesSent. */
  bytesSent: number;
  /** Stored (compressed) bytes of the new blocks. */
  newPhysicalBytes: number;
  /** Repository disk I/O: the new blocks, plus a reverse incremental's rollback moves. */
  io: RepositoryIo;
}

/**
 * A planned backup: what would be read, sent and stored if it ran now. Pure
 * data; only `commit` or `abort` change the repository. A plan is consumed by
 * the first of them; reusing it is a programmer error.
 */
export interface IngestPlan<L extends string = string> {
  readonly planId: number;
  readonly repository: string;
  readonly machine: string;
  readonly timeSec: number;
  readonly kind: 'full' | 'incremental';
  /** Mode of the chain the point starts or joins. */
  readonly chainMode: ChainMode;
  readonly placement: DedupePlacement;
  readonly compressAt: CompressAt;
  readonly consistency: L;
  /** The point an incremental is taken against (the machine's newest point when planned). */
  readonly basePointId: number | null;
  readonly traffic: IngestTraffic;
}

/** What a commit did. Simulated outcomes, never exceptions. */
export type CommitOutcome<L extends string = string> =
  | {
      state: 'committed';
      point: RestorePointInfo<L>;
      /** Blocks actually stored (fewer than planned when a concurrent backup stored some first). */
      newBlocks: number;
      newPhysicalBytes: number;
      io: RepositoryIo;
    }
  | {
      /** The target filled up: the blocks that fit stay stored but unreferenced until GC; no restore point. */
      state: 'out-of-capacity';
      orphanBlocks: number;
      orphanPhysicalBytes: number;
      io: RepositoryIo;
    }
  | {
      /**
       * Source dedupe skipped blocks the target held when planned, and garbage
       * collection freed some of them before the commit: the point cannot be
       * completed without resending them. Nothing was committed.
       */
      state: 'blocks-collected';
      missingBlocks: number;
    };

export interface AbortOutcome {
  state: 'aborted';
  /** New blocks that had arrived, kept unreferenced (they dedupe a retry) until GC frees them. */
  orphanBlocks: number;
  orphanPhysicalBytes: number;
  io: RepositoryIo;
}
