/**
 * The repository (DESIGN.md, decision 10; issue 4, item 5). Files, one
 * concept each:
 * - repository.ts        the public face: plan/commit/abort, chain operations, catalog queries
 * - options.ts           options, defaults (Veeam block sizes, ~2x compression), validation
 * - ingest-types.ts      requests, dedupe placement, traffic figures, outcomes
 * - ingest-plan.ts, plan-target.ts, planned-disk.ts, repeat-finder.ts   phase one (pure)
 * - ingest-commit.ts, slot-resolver.ts   phase two
 * - chunk-store.ts, slot-allocator.ts   stored blocks and their reference counts
 * - block-index.ts, id-index.ts, hashed-index.ts, fingerprint.ts   the dedupe index
 * - compression.ts       stored size per block
 * - catalog.ts, block-maps.ts, block-bits.ts, chain-ops.ts, restore-point-info.ts   points and chains
 * - synthetic-full.ts, retention.ts, garbage-collector.ts   chain maintenance
 * - repository-io.ts     I/O as data, the DOMAIN.md chain I/O table
 * - reconstruct.ts, read-locality.ts   what restores read
 * - stats.ts, audit.ts   totals and the invariant check
 * - radix-sort.ts, u32-stack.ts   typed-array helpers for the batch sweeps
 */
export { Repository } from './repository.js';
export { BLOCK_SIZE_PRESETS, MAX_BLOCK_BYTES, MAX_CHUNKS_PER_BLOCK } from './options.js';
export type { CompressionOptions, RepositoryOptions, ResolvedRepositoryOptions, TransformMode } from './options.js';
export { DEDUPE_PLACEMENTS } from './ingest-types.js';
export type {
  AbortOutcome,
  CommitOutcome,
  CompressAt,
  DedupePlacement,
  DiskSource,
  IngestPlan,
  IngestRequest,
  IngestTraffic,
} from './ingest-types.js';
export { CHAIN_MODES } from './catalog.js';
export type { ChainMode, PointForm, PointKind } from './catalog.js';
export type { RestorePointDisk, RestorePointInfo } from './restore-point-info.js';
export { CHAIN_IO_PER_BLOCK } from './repository-io.js';
export type { ChainOperation, RepositoryIo } from './repository-io.js';
export type { SyntheticFullOptions, SyntheticFullOutcome } from './synthetic-full.js';
export type { RetentionOutcome, RetentionPolicy } from './retention.js';
export type { GcOutcome } from './garbage-collector.js';
export { UNREADABLE_CONTENT } from './reconstruct.js';
export type { ReconstructOutcome } from './reconstruct.js';
export type { ReadLocality } from './read-locality.js';
export type { RepositoryStats } from './stats.js';
export { FINGERPRINT_BYTES } from './fingerprint.js';
