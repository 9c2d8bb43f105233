/**
 * planIngest: what a backup would read, send and store if it ran now.
 *
 * Pure with respect to the repository: it reads the catalog, the index and the
 * source images and returns data (ingest-types.ts). The plan keeps each read
 * block's content and verdict (planned-disk.ts) so that the commit does not
 * read the images again (the snapshot may be gone by then) and, if nothing
 * changed the index in between, does not look anything up again either.
 */
import { fail } from '../engine/errors.js';
import { ZERO_SLOT } from './chunk-store.js';
import { FINGERPRINT_BYTES, fingerprintOf, isZeroBlock } from './fingerprint.js';
import type { CompressAt, DedupePlacement, IngestPlan, IngestRequest, IngestTraffic } from './ingest-types.js';
import { NEW, REPEAT, type PlannedDisk } from './planned-disk.js';
import { resolvePlanTarget, type PlanTarget } from './plan-target.js';
import { IdIndex } from './id-index.js';
import { emptyIo, moveBlock } from './repository-io.js';
import type { RepositoryState } from './state.js';

/** What the commit needs beyond the public plan. */
export interface PlanInternals<L extends string> {
  readonly plan: IngestPlan<L>;
  readonly target: PlanTarget<L>;
  readonly disks: readonly PlannedDisk[];
  readonly indexVersion: number;
  readonly indexRemovals: number;
}

export function planIngest<L extends string>(state: RepositoryState<L>, request: IngestRequest<L>): PlanInternals<L> {
  const placement = request.placement;
  if (placement !== 'none' && placement !== 'source' && placement !== 'target') fail(`unknown dedupe placement ${String(placement)}`);
  const compressAt: CompressAt = request.compressAt ?? (placement === 'target' ? 'target' : 'source');
  if (compressAt !== 'source' && compressAt !== 'target') fail(`unknown compressAt ${String(compressAt)}`);
  const target = resolvePlanTarget(state, request);
  const traffic = classify(state, target.disks, placement, compressAt);
  if (target.chain?.mode === 'reverse') addRollbackMoves(state, target, traffic);
  traffic.bytesSent = traffic.dataBytesSent + traffic.fingerprintBytesSent;
  const plan: IngestPlan<L> = Object.freeze({
    planId: state.nextPlanId++,
    repository: state.options.name,
    machine: request.machine,
    timeSec: request.timeSec,
    kind: request.kind,
    chainMode: target.chainMode,
    placement,
    compressAt,
    consistency: request.consistency,
    basePointId: target.base?.id ?? null,
    traffic: Object.freeze(traffic),
  });
  return { plan, target, disks: target.disks, indexVersion: state.indexVersion, indexRemovals: state.indexRemovals };
}

function emptyTraffic(): IngestTraffic {
  return {
    blocksRead: 0, bytesReadAtSource: 0, zeroBlocks: 0, zeroBytes: 0, duplicateBlocks: 0, newBlocks: 0,
    bytesHashedAtSource: 0, bytesHashedAtTarget: 0, bytesCompressedAtSource: 0, bytesCompressedAtTarget: 0,
    blocksSent: 0, dataBytesSent: 0, fingerprintBytesSent: 0, bytesSent: 0, newPhysicalBytes: 0, io: emptyIo(),
  };
}

/**
 * Gives every read block its verdict and adds up what it costs. The loop over
 * blocks (millions in a night of fulls) only counts blocks and sums their
 * sizes, by class (zero, non-zero, new), in local variables (fields of an
 * object would be boxed numbers, read and written through memory for every
 * block); the traffic follows from those sums. A new block's stored size is
 * kept for the commit (PlannedDisk.newSizes).
 */
function classify(
  state: RepositoryState<string>,
  disks: readonly PlannedDisk[],
  placement: DedupePlacement,
  compressAt: CompressAt,
): IngestTraffic {
  const { index, compression, repeats } = state;
  const k = state.options.chunksPerBlock;
  const chunkBytes = state.options.chunkSizeBytes;
  const dedupe = placement !== 'none';
  const indexHashes = index.needsFingerprint;
  // Without source dedupe every non-zero block is sent, so the traffic needs every block's stored size.
  const allSizes = placement !== 'source';
  if (dedupe) repeats.begin(disks, disks.reduce((n, d) => n + d.blocks.length, 0));
  if (dedupe && index instanceof IdIndex) return trafficOf(classifyOneChunk(state, disks, index, allSizes), placement, compressAt);
  let blocksRead = 0;
  let logicalRead = 0;
  let zeroBlocks = 0;
  let zeroLogical = 0;
  let nonZeroLogical = 0;
  let nonZeroPhysical = 0;
  let newBlocks = 0;
  let newLogical = 0;
  let newPhysical = 0;
  for (let d = 0; d < disks.length; d++) {
    const disk = disks[d]!;
    const { content, verdicts, newSizes, blocks } = disk;
    blocksRead += blocks.length;
    for (let i = 0; i < blocks.length; i++) {
      const offset = i * k;
      const length = k === 1 ? 1 : disk.lengthAt(i);
      const logical = length * chunkBytes;
      logicalRead += logical;
      if (k === 1 ? content[i] === 0 : isZeroBlock(content, offset, length)) {
        verdicts[i] = ZERO_SLOT;
        zeroBlocks++;
        zeroLogical += logical;
        continue;
      }
      // The fingerprint and the stored size are computed only where used: a
      // one-chunk index needs no fingerprint, and source dedupe needs the
      // size of new blocks only (most of a full's blocks are found).
      let fingerprint = indexHashes ? fingerprintOf(content, offset, length) : -1;
      let verdict = NEW;
      if (dedupe) {
        const found = index.find(content, offset, length, fingerprint);
        if (found === 0 && fingerprint === -1) fingerprint = fingerprintOf(content, offset, length);
        verdict = found !== 0 ? found : repeats.seenBefore(fingerprint, d, i) ? REPEAT : NEW;
      } else if (fingerprint === -1) fingerprint = fingerprintOf(content, offset, length);
      verdicts[i] = verdict;
      nonZeroLogical += logical;
      if (verdict !== NEW && !allSizes) continue;
      const physical = compression.physicalBytes(fingerprint === -1 ? fingerprintOf(content, offset, length) : fingerprint, logical);
      nonZeroPhysical += physical;
      if (verdict !== NEW) continue;
      newSizes[i] = physical;
      newBlocks++;
      newLogical += logical;
      newPhysical += physical;
    }
  }
  const sums: BlockSums = { blocks: blocksRead, logical: logicalRead, zeroBlocks, zeroLogical, nonZeroLogical, nonZeroPhysical, newBlocks, newLogical, newPhysical };
  return trafficOf(sums, placement, compressAt);
}

/**
 * `classify` for one-chunk blocks under dedupe, with the same verdicts, the
 * same order of questions to the repeat finder and the same sums. The index
 * answers a whole disk in one call (IdIndex.findEach, which looks a run's
 * page up once), and the loop then only sorts the answers: a block is one
 * chunk, so logical sums are block counts times the chunk size (whole
 * numbers, exact in any order).
 */
function classifyOneChunk(state: RepositoryState<string>, disks: readonly PlannedDisk[], index: IdIndex, allSizes: boolean): BlockSums {
  const { compression, repeats } = state;
  const chunkBytes = state.options.chunkSizeBytes;
  let blocks = 0;
  let zeroBlocks = 0;
  let nonZeroPhysical = 0;
  let newBlocks = 0;
  let newPhysical = 0;
  for (let d = 0; d < disks.length; d++) {
    const { content, verdicts, newSizes } = disks[d]!;
    const n = disks[d]!.blocks.length;
    blocks += n;
    index.findEach(content, verdicts);
    for (let i = 0; i < n; i++) {
      if (content[i] === 0) {
        verdicts[i] = ZERO_SLOT;
        zeroBlocks++;
        continue;
      }
      let verdict = verdicts[i]!;
      let fingerprint = -1;
      if (verdict === 0) {
        fingerprint = fingerprintOf(content, i, 1);
        verdict = repeats.seenBefore(fingerprint, d, i) ? REPEAT : NEW;
        verdicts[i] = verdict;
      }
      if (verdict !== NEW && !allSizes) continue;
      const physical = compression.physicalBytes(fingerprint === -1 ? fingerprintOf(content, i, 1) : fingerprint, chunkBytes);
      nonZeroPhysical += physical;
      if (verdict !== NEW) continue;
      newSizes[i] = physical;
      newBlocks++;
      newPhysical += physical;
    }
  }
  const logical = blocks * chunkBytes;
  const zeroLogical = zeroBlocks * chunkBytes;
  return { blocks, logical, zeroBlocks, zeroLogical, nonZeroLogical: logical - zeroLogical, nonZeroPhysical, newBlocks, newLogical: newBlocks * chunkBytes, newPhysical };
}

/**
 * Counts and byte sums of a plan's blocks by class (all sums of whole numbers,
 * so exact in any order). `nonZeroPhysical` is summed only when the traffic
 * needs it (placements other than source).
 */
interface BlockSums {
  blocks: number;
  logical: number;
  zeroBlocks: number;
  zeroLogical: number;
  nonZeroLogical: number;
  nonZeroPhysical: number;
  newBlocks: number;
  newLogical: number;
  newPhysical: number;
}

/**
 * What the blocks cost: every non-zero block is hashed and asked about (source
 * dedupe), sent (unless source dedupe found it), hashed at the target (target
 * dedupe), and stored if new; compression happens where `compressAt` says.
 */
function trafficOf(s: BlockSums, placement: DedupePlacement, compressAt: CompressAt): IngestTraffic {
  const t = emptyTraffic();
  const nonZeroBlocks = s.blocks - s.zeroBlocks;
  const atSource = compressAt === 'source';
  t.blocksRead = s.blocks;
  t.bytesReadAtSource = s.logical;
  t.zeroBlocks = s.zeroBlocks;
  t.zeroBytes = s.zeroLogical;
  if (placement === 'source') {
    t.bytesHashedAtSource = s.nonZeroLogical;
    t.fingerprintBytesSent = nonZeroBlocks * FINGERPRINT_BYTES;
  }
  // Source dedupe sends only new blocks; the other placements send every non-zero block.
  const sentAll = placement !== 'source';
  t.blocksSent = sentAll ? nonZeroBlocks : s.newBlocks;
  const sentLogical = sentAll ? s.nonZeroLogical : s.newLogical;
  const sentPhysical = sentAll ? s.nonZeroPhysical : s.newPhysical;
  t.dataBytesSent = atSource ? sentPhysical : sentLogical;
  if (atSource) t.bytesCompressedAtSource = sentLogical;
  if (placement === 'target') t.bytesHashedAtTarget = atSource ? s.nonZeroPhysical : s.nonZeroLogical;
  t.duplicateBlocks = nonZeroBlocks - s.newBlocks;
  t.newBlocks = s.newBlocks;
  t.newPhysicalBytes = s.newPhysical;
  if (!atSource) t.bytesCompressedAtTarget = s.newLogical;
  t.io.writeOps = s.newBlocks;
  t.io.writeBytes = s.newPhysical;
  return t;
}

/** A reverse incremental also moves each replaced block of the full into the rollback. */
function addRollbackMoves(state: RepositoryState<string>, target: PlanTarget<string>, traffic: IngestTraffic): void {
  const chain = target.chain!;
  const anchor = chain.points[chain.anchor]!;
  if (anchor.file.form !== 'full') fail(`chain ${chain.id}: anchor point ${anchor.id} holds no full`);
  for (let d = 0; d < target.disks.length; d++) {
    const map = anchor.file.maps[d]!;
    const blocks = target.disks[d]!.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const old = map.slotAt(blocks[i]!);
      if (old !== ZERO_SLOT) moveBlock(traffic.io, state.store, old, state.options.transforms);
    }
  }
}
