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
import { emptyIo, moveBlock, writeBlock } from './repository-io.js';
import type { RepositoryState } from './state.js';

/** What the commit needs beyond the public plan. */
export interface PlanInternals<L extends string> {
  readonly plan: IngestPlan<L>;
  readonly target: PlanTarget<L>;
  readonly disks: readonly PlannedDisk[];
  readonly indexVersion: number;
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
  return { plan, target, disks: target.disks, indexVersion: state.indexVersion };
}

function emptyTraffic(): IngestTraffic {
  return {
    blocksRead: 0, bytesReadAtSource: 0, zeroBlocks: 0, zeroBytes: 0, duplicateBlocks: 0, newBlocks: 0,
    bytesHashedAtSource: 0, bytesHashedAtTarget: 0, bytesCompressedAtSource: 0, bytesCompressedAtTarget: 0,
    blocksSent: 0, dataBytesSent: 0, fingerprintBytesSent: 0, bytesSent: 0, newPhysicalBytes: 0, io: emptyIo(),
  };
}

/** Gives every read block its verdict and adds up what it costs. */
function classify(
  state: RepositoryState<string>,
  disks: readonly PlannedDisk[],
  placement: DedupePlacement,
  compressAt: CompressAt,
): IngestTraffic {
  const t = emptyTraffic();
  const { index, compression, repeats } = state;
  const k = state.options.chunksPerBlock;
  const chunkBytes = state.options.chunkSizeBytes;
  const dedupe = placement !== 'none';
  if (dedupe) repeats.begin(disks, disks.reduce((n, d) => n + d.blocks.length, 0));
  for (let d = 0; d < disks.length; d++) {
    const { content, verdicts, blocks, fingerprints, physicalBytes } = disks[d]!;
    for (let i = 0; i < blocks.length; i++) {
      const offset = i * k;
      const length = k === 1 ? 1 : disks[d]!.lengthAt(i);
      const logical = length * chunkBytes;
      t.blocksRead++;
      t.bytesReadAtSource += logical;
      if (isZeroBlock(content, offset, length)) {
        verdicts[i] = ZERO_SLOT;
        t.zeroBlocks++;
        t.zeroBytes += logical;
        continue;
      }
      const fingerprint = fingerprintOf(content, offset, length);
      const physical = compression.physicalBytes(fingerprint, logical);
      fingerprints[i] = fingerprint;
      physicalBytes[i] = physical;
      const onWire = compressAt === 'source' ? physical : logical;
      let verdict = NEW;
      if (dedupe) {
        const found = index.find(content, offset, length, fingerprint);
        verdict = found !== 0 ? found : repeats.seenBefore(fingerprint, d, i) ? REPEAT : NEW;
      }
      verdicts[i] = verdict;
      if (placement === 'source') {
        t.bytesHashedAtSource += logical;
        t.fingerprintBytesSent += FINGERPRINT_BYTES;
      }
      if (placement !== 'source' || verdict === NEW) {
        t.blocksSent++;
        t.dataBytesSent += onWire;
        if (compressAt === 'source') t.bytesCompressedAtSource += logical;
      }
      if (placement === 'target') t.bytesHashedAtTarget += onWire;
      if (verdict !== NEW) {
        t.duplicateBlocks++;
        continue;
      }
      t.newBlocks++;
      t.newPhysicalBytes += physical;
      if (compressAt === 'target') t.bytesCompressedAtTarget += logical;
      writeBlock(t.io, physical);
    }
  }
  return t;
}

/** A reverse incremental also moves each replaced block of the full into the rollback. */
function addRollbackMoves(state: RepositoryState<string>, target: PlanTarget<string>, traffic: IngestTraffic): void {
  const chain = target.chain!;
  const anchor = chain.points[chain.anchor]!;
  if (anchor.file.form !== 'full') fail(`chain ${chain.id}: anchor point ${anchor.id} holds no full`);
  for (let d = 0; d < target.disks.length; d++) {
    const dense = anchor.file.dense[d]!;
    const blocks = target.disks[d]!.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const old = dense[blocks[i]!]!;
      if (old !== ZERO_SLOT) moveBlock(traffic.io, state.store, old, state.options.transforms);
    }
  }
}
