/**
 * commit and abort: the second phase of a backup.
 *
 * A commit stores the plan's new blocks in one new container (its write
 * batch), then records the restore point and adds its references. Nothing
 * becomes a restore point unless every block is stored: if the target fills
 * up, or an abort says only part of the data arrived, the blocks that did
 * arrive stay stored but unreferenced (Proxmox keeps an aborted backup's
 * chunks until GC, and they dedupe its retry) and no point is recorded.
 */
import { fail } from '../engine/errors.js';
import { swapIntoDense, type DeltaMap } from './block-maps.js';
import { ZERO_SLOT } from './chunk-store.js';
import { headOf, type ChainDisk, type ChainRecord, type PointFile, type PointRecord } from './catalog.js';
import type { PlanInternals } from './ingest-plan.js';
import type { AbortOutcome, CommitOutcome } from './ingest-types.js';
import { NEW } from './planned-disk.js';
import { emptyIo, emptyMoveCost, moveBlock, type FileMoveCost, type RepositoryIo } from './repository-io.js';
import { describePoint } from './restore-point-info.js';
import { FRESH, SlotResolver } from './slot-resolver.js';
import { blockBytes, type RepositoryState } from './state.js';
import { BlockBits } from './block-bits.js';
import { blockRuns, FullMap, type BlockRuns } from './full-map.js';

/** Commits a plan; the plan's scratch arrays go back to the pool whatever the outcome. */
export function commitPlan<L extends string>(state: RepositoryState<L>, internals: PlanInternals<L>): CommitOutcome<L> {
  try {
    return commitPlanned(state, internals);
  } finally {
    for (const d of internals.disks) d.release();
  }
}

function commitPlanned<L extends string>(state: RepositoryState<L>, internals: PlanInternals<L>): CommitOutcome<L> {
  checkStillCurrent(state, internals);
  const { plan, disks } = internals;
  const io = emptyIo();
  const resolver = new SlotResolver(state, plan.placement, internals, state.catalog.newContainer(), io, state.catalog.arenaOf(plan.machine), true);
  const missingBlocks = resolver.countMissing(disks);
  if (missingBlocks > 0) return { state: 'blocks-collected', missingBlocks };
  // The slot lists become the new file's maps (a full's sparse maps, an increment's deltas), so they are not scratch.
  const slots: Uint32Array[] = [];
  const runs = fullRuns(internals);
  for (let i = 0; i < disks.length && !resolver.full; i++) {
    const d = disks[i]!;
    // A full whose map keeps runs of blocks no longer needs their list: its memory takes the slots.
    const out = runs[i] !== null ? d.blocks : new Uint32Array(d.blocks.length);
    resolver.resolveAll(d, out);
    slots.push(out);
  }
  if (resolver.full) {
    // The blocks that fit were stored holding their first reference: dropping it leaves them orphans.
    for (const slot of resolver.stored.view()) state.store.unref(slot);
    return { state: 'out-of-capacity', orphanBlocks: resolver.stored.length, orphanPhysicalBytes: resolver.newPhysicalBytes, io };
  }
  const point = recordPoint(state, internals, slots, runs, resolver.newPhysicalBytes, io);
  return { state: 'committed', point: describePoint(point, state.options.chunkSizeBytes), newBlocks: resolver.stored.length, newPhysicalBytes: resolver.newPhysicalBytes, io };
}

/**
 * Aborts a planned backup after the first `arrivedBlocks` of the blocks it
 * sends reached the target (in plan order). Those that were new stay stored,
 * unreferenced.
 */
export function abortPlan(state: RepositoryState<string>, internals: PlanInternals<string>, arrivedBlocks: number): AbortOutcome {
  try {
    return abortPlanned(state, internals, arrivedBlocks);
  } finally {
    for (const d of internals.disks) d.release();
  }
}

function abortPlanned(state: RepositoryState<string>, internals: PlanInternals<string>, arrivedBlocks: number): AbortOutcome {
  const { plan, disks } = internals;
  if (!(Number.isSafeInteger(arrivedBlocks) && arrivedBlocks >= 0 && arrivedBlocks <= plan.traffic.blocksSent)) {
    fail(`abort of plan ${plan.planId}: arrivedBlocks ${arrivedBlocks} outside [0, ${plan.traffic.blocksSent}]`);
  }
  const io = emptyIo();
  const resolver = new SlotResolver(state, plan.placement, internals, state.catalog.newContainer(), io, state.catalog.arenaOf(plan.machine), false);
  let left = arrivedBlocks;
  for (const d of disks) {
    for (let i = 0; i < d.verdicts.length && left > 0 && !resolver.full; i++) {
      const v = d.verdicts[i]!;
      const sent = v !== ZERO_SLOT && (plan.placement !== 'source' || v === NEW);
      if (!sent) continue;
      left--;
      resolver.resolve(d, i);
    }
  }
  // Blocks stored without a point: candidates for the collector, still found by dedupe until it runs.
  for (const slot of resolver.stored.view()) state.store.enqueue(slot);
  return { state: 'aborted', orphanBlocks: resolver.stored.length, orphanPhysicalBytes: resolver.newPhysicalBytes, io };
}

/**
 * Per planned disk, the runs its full map will keep instead of the block list
 * (full-map.ts), or null where the list is kept, or needed while resolving
 * (a block of several chunks reads its length from it), or not the
 * repository's to reuse (two disks of the plan share its memory). The block
 * list of a disk is handed over by the caller (ingest-types.ts), so where the
 * map keeps runs, the commit writes the slots into it: a night of fulls of
 * the benchmark estate lists 33 million blocks, and a fresh slot list for each
 * full cost 128 MB of new memory a night, each page a fault (~16 us here).
 */
function fullRuns(internals: PlanInternals<string>): (BlockRuns | null)[] {
  const disks = internals.disks;
  const runs: (BlockRuns | null)[] = [];
  for (const d of disks) {
    const reusable = internals.target.base === null && d.disk.chunksPerBlock === 1 && disks.every((o) => o === d || o.blocks.buffer !== d.blocks.buffer);
    runs.push(reusable ? blockRuns(d.blocks) : null);
  }
  return runs;
}

/** Commit-time guard: nothing may have moved the machine's chain since the plan (two backups of one machine at once). */
function checkStillCurrent(state: RepositoryState<string>, internals: PlanInternals<string>): void {
  const { plan, target } = internals;
  const latest = state.catalog.machines.get(plan.machine)?.latestTimeSec ?? -Infinity;
  if (!(plan.timeSec > latest)) fail(`commit of plan ${plan.planId} for ${plan.machine}: a point at ${latest} s was committed since; plan again`);
  if (target.chain === null) return;
  const current = state.catalog.currentChain(plan.machine);
  if (current !== target.chain || headOf(current) !== target.base) {
    fail(`commit of plan ${plan.planId} for ${plan.machine}: its chain changed since the plan (another backup or a synthetic full); plan again`);
  }
}

function recordPoint<L extends string>(state: RepositoryState<L>, internals: PlanInternals<L>, slots: Uint32Array[], runs: readonly (BlockRuns | null)[], written: number, io: RepositoryIo): PointRecord<L> {
  const { plan, target, disks } = internals;
  const catalog = state.catalog;
  const machine = catalog.machine(plan.machine);
  const chain: ChainRecord<L> = target.chain ?? startChain(state, internals);
  const base = target.base;
  const point: PointRecord<L> = {
    id: catalog.newPointId(),
    machine: plan.machine,
    timeSec: plan.timeSec,
    consistency: plan.consistency,
    kind: plan.kind,
    chain,
    file: { form: 'full', maps: [] },
    diskLogicalBytes: [],
    writtenPhysicalBytes: written,
    moveCost: null,
  };
  referenceEntries(state, slots);
  // Packed arrays, always (push, not map: see PlanTarget.disks). Where a full
  // keeps runs, its block list holds the slots now: `runs` stands for the blocks.
  const deltas: DeltaMap[] = [];
  for (let i = 0; i < disks.length; i++) deltas.push({ blocks: disks[i]!.blocks, slots: slots[i]! });
  point.file = base === null ? fullFile(chain, deltas, runs) : chain.mode === 'reverse' ? reverseStep(state, chain, deltas, io) : { form: 'forward-increment', deltas };
  if (point.file.form === 'forward-increment') point.moveCost = moveCostOf(state, internals, slots);
  updateLogicalBytes(state, chain, point, base, deltas, runs);
  chain.points.push(point);
  if (chain.mode === 'reverse' || base === null) chain.anchor = chain.points.length - 1;
  machine.latestTimeSec = plan.timeSec;
  catalog.points.set(point.id, point);
  return point;
}

/** The planned disks' geometry, as a packed array (push, not map: see PlanTarget.disks). */
function chainDisks(internals: PlanInternals<string>): ChainDisk[] {
  const disks: ChainDisk[] = [];
  for (const d of internals.disks) disks.push(d.disk);
  return disks;
}

function startChain<L extends string>(state: RepositoryState<L>, internals: PlanInternals<L>): ChainRecord<L> {
  const machine = state.catalog.machine(internals.plan.machine);
  const previous = machine.chains[machine.chains.length - 1];
  if (previous !== undefined) previous.open = false;
  const chain: ChainRecord<L> = {
    id: state.catalog.newChainId(),
    machine: machine.name,
    mode: internals.target.chainMode,
    disks: chainDisks(internals),
    points: [],
    anchor: 0,
    open: true,
    headNonZero: [],
  };
  if (previous !== undefined) reuseHeads(previous, chain);
  machine.chains.push(chain);
  return chain;
}

/**
 * A closed chain takes no more backups, so its head bits are never read
 * again: the new chain's full takes them over, cleared, for disks of the same
 * size (a fresh 12.5 KiB per disk and full was a few page faults each).
 */
function reuseHeads(closed: ChainRecord<string>, chain: ChainRecord<string>): void {
  for (let i = 0; i < chain.disks.length; i++) {
    const bits = closed.headNonZero[i];
    if (bits === undefined || bits.length !== chain.disks[i]!.blockCount) continue;
    bits.clear();
    chain.headNonZero[i] = bits;
  }
  closed.headNonZero.length = 0;
}

/** A full keeps the blocks it read (as runs where the commit took them) and their slots as its maps (full-map.ts). */
function fullFile(chain: ChainRecord<string>, deltas: DeltaMap[], runs: readonly (BlockRuns | null)[]): PointFile {
  const maps: FullMap[] = [];
  for (let i = 0; i < deltas.length; i++) {
    const blockCount = chain.disks[i]!.blockCount;
    const r = runs[i]!;
    maps.push(r !== null ? FullMap.fromRuns(blockCount, r, deltas[i]!.slots) : FullMap.fromEntries(blockCount, deltas[i]!));
  }
  return { form: 'full', maps };
}

/** Reverse incremental: the new blocks go into the full; the blocks they replace become the previous point's rollback. */
function reverseStep(state: RepositoryState<string>, chain: ChainRecord<string>, deltas: DeltaMap[], io: RepositoryIo): PointFile {
  const previous = headOf(chain);
  if (previous.file.form !== 'full') fail(`reverse chain ${chain.id}: newest point ${previous.id} holds no full`);
  const maps = previous.file.maps;
  const rollbacks = deltas.map((delta, i) => swapIntoDense(maps[i]!.mutableDense(), delta));
  for (const r of rollbacks) for (const old of r.slots) if (old !== ZERO_SLOT) moveBlock(io, state.store, old, state.options.transforms);
  previous.file = { form: 'reverse-increment', deltas: rollbacks };
  return { form: 'full', maps };
}

/** Keeps the chain's head bitmap and the point's logical sizes exact. */
function updateLogicalBytes<L extends string>(state: RepositoryState<L>, chain: ChainRecord<L>, point: PointRecord<L>, base: PointRecord<L> | null, deltas: DeltaMap[], runs: readonly (BlockRuns | null)[]): void {
  const chunkBytes = state.options.chunkSizeBytes;
  for (let i = 0; i < chain.disks.length; i++) {
    const disk = chain.disks[i]!;
    // Every block holds the same bytes but the last, which may be short.
    const fullBytes = disk.chunksPerBlock * chunkBytes;
    const last = disk.blockCount - 1;
    const lastBytes = blockBytes(disk, last, chunkBytes);
    const { blocks, slots } = deltas[i]!;
    if (base === null) {
      // A full's dense map is its delta over an all-zero image: its non-zero
      // blocks set their bits in a fresh head, and its size is theirs.
      const head = chain.headNonZero[i] ?? new BlockBits(disk.blockCount);
      chain.headNonZero[i] = head;
      const r = runs[i]!;
      const nonZero = r !== null ? head.setNonZeroRuns(r, slots) : head.setNonZero(blocks, slots);
      point.diskLogicalBytes.push(nonZero * fullBytes - (head.has(last) ? fullBytes - lastBytes : 0));
      continue;
    }
    const head = chain.headNonZero[i]!;
    let logical = base.diskLogicalBytes[i]!;
    for (let j = 0; j < blocks.length; j++) {
      const b = blocks[j]!;
      const nonZero = slots[j] !== ZERO_SLOT;
      if (!head.assign(b, nonZero)) continue;
      const bytes = b === last ? lastBytes : fullBytes;
      logical += nonZero ? bytes : -bytes;
    }
    point.diskLogicalBytes.push(logical);
  }
}

/** The cost of later moving the increment's blocks, from what the plan already knows (sizes) and the placement (class). */
function moveCostOf(state: RepositoryState<string>, internals: PlanInternals<string>, slots: Uint32Array[]): FileMoveCost {
  const cost = emptyMoveCost();
  const indexed = internals.plan.placement !== 'none';
  const chunkBytes = state.options.chunkSizeBytes;
  // A loop, not forEach with an arrow made per call, so V8 keeps its optimized code from one run to the next.
  for (let i = 0; i < internals.disks.length; i++) {
    const d = internals.disks[i]!;
    const s = slots[i]!;
    for (let j = 0; j < s.length; j++) {
      if (s[j] === ZERO_SLOT) continue;
      const physical = d.physicalBytesAt(j, state.compression);
      if (!indexed) {
        cost.plainBlocks++;
        cost.plainPhysicalBytes += physical;
        continue;
      }
      cost.indexedBlocks++;
      cost.indexedPhysicalBytes += physical;
      cost.indexedLogicalBytes += d.lengthAt(j) * chunkBytes;
    }
  }
  return cost;
}

/**
 * Every entry of the new file holds a reference: blocks this commit stored
 * already hold theirs (marked FRESH, which is stripped here); the others, found
 * already stored, gain one.
 */
function referenceEntries(state: RepositoryState<string>, slots: Uint32Array[]): void {
  for (const s of slots) state.store.refEntries(s, FRESH);
}
