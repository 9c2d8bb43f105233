/**
 * Where a planned backup goes: a new chain (a full) or the machine's current
 * chain (an incremental), and the disks it covers, checked against that chain.
 *
 * Everything checked here is a programmer error in the caller (a backup that
 * goes back in time, an incremental without a full, a disk set that changed
 * without a full), so it throws with a message saying what to do instead.
 * A strategy can avoid all of them by asking `latestPoint(machine)` first.
 */
import { ConfigError, fail } from '../engine/errors.js';
import { allBlocks, blocksOfChunks, diskGeometry } from './block-maps.js';
import { CHAIN_MODES, type ChainDisk, type ChainMode, type ChainRecord, type PointRecord } from './catalog.js';
import type { DiskSource, IngestRequest } from './ingest-types.js';
import { PlannedDisk } from './planned-disk.js';
import type { RepositoryState } from './state.js';

export interface PlanTarget<L extends string> {
  /** The chain an incremental joins; null for a full (it starts one at commit). */
  readonly chain: ChainRecord<L> | null;
  /** The point an incremental is taken against: the chain's newest point. */
  readonly base: PointRecord<L> | null;
  readonly chainMode: ChainMode;
  /**
   * Planned disks, in the chain's disk order. Built with push rather than map(), like the chain's
   * disks and a file's deltas (ingest-commit.ts): V8's optimized map() makes holey arrays and its
   * unoptimized one packed arrays, and the commit code reading them would be deoptimized whenever
   * the other kind turned up.
   */
  readonly disks: PlannedDisk[];
}

export function resolvePlanTarget<L extends string>(state: RepositoryState<L>, request: IngestRequest<L>): PlanTarget<L> {
  const { machine, timeSec, disks } = request;
  if (typeof machine !== 'string' || machine.length === 0) fail('a backup needs a machine name');
  if (!Number.isFinite(timeSec)) fail(`backup of ${machine}: timeSec ${timeSec} is not a finite number`);
  const latest = state.catalog.machines.get(machine)?.latestTimeSec ?? -Infinity;
  if (!(timeSec > latest)) fail(`backup of ${machine} at ${timeSec} s: must be later than its previous point at ${latest} s`);
  if (!Array.isArray(disks) || disks.length === 0) fail(`backup of ${machine}: no disks`);
  const names = new Set(disks.map((d) => d.name));
  if (names.size !== disks.length) fail(`backup of ${machine}: disk names repeat (${disks.map((d) => d.name).join(', ')})`);
  for (const d of disks) checkImage(state, machine, d);
  if (request.kind === 'full') {
    const chainMode = request.chainMode ?? 'forward';
    if (!CHAIN_MODES.includes(chainMode)) fail(`backup of ${machine}: unknown chain mode ${String(chainMode)}`);
    const k = state.options.chunksPerBlock;
    const planned: PlannedDisk[] = [];
    for (const d of disks) {
      const disk: ChainDisk = { name: d.name, ...diskGeometry(d.image.chunkCount, k) };
      planned.push(new PlannedDisk(disk, readBlocks(d, disk), d.image, state.scratch));
    }
    return { chain: null, base: null, chainMode, disks: planned };
  }
  if (request.kind !== 'incremental') fail(`backup of ${machine}: unknown kind ${String((request as { kind: unknown }).kind)}`);
  const chain = state.catalog.currentChain(machine);
  if (chain === undefined) fail(`incremental backup of ${machine}: the repository holds no chain for it; take a full first`);
  return { chain, base: chain.points[chain.points.length - 1]!, chainMode: chain.mode, disks: matchChainDisks(state, chain, request) };
}

function checkImage(state: RepositoryState<string>, machine: string, source: DiskSource): void {
  const image = source.image;
  if (image.chunkSizeBytes !== state.options.chunkSizeBytes) {
    throw new ConfigError(state.options.name, 'chunkSizeBytes', state.options.chunkSizeBytes, `equal the chunk size of ${machine} ${source.name} (${image.chunkSizeBytes})`);
  }
  if (!(Number.isSafeInteger(image.chunkCount) && image.chunkCount > 0)) fail(`${machine} ${source.name}: chunkCount ${image.chunkCount} is not a whole number > 0`);
}

function readBlocks(source: DiskSource, disk: ChainDisk): Uint32Array {
  return source.readChunks === undefined ? allBlocks(disk) : blocksOfChunks(source.readChunks, disk);
}

/** The request's disks in the chain's order; the set and the sizes must not have changed. */
function matchChainDisks<L extends string>(state: RepositoryState<L>, chain: ChainRecord<L>, request: IngestRequest<L>): PlannedDisk[] {
  const byName = new Map(request.disks.map((d) => [d.name, d]));
  const same = chain.disks.length === request.disks.length && chain.disks.every((d) => byName.get(d.name)?.image.chunkCount === d.chunkCount);
  if (!same) {
    const had = chain.disks.map((d) => `${d.name}:${d.chunkCount}`).join(', ');
    const has = request.disks.map((d) => `${d.name}:${d.image.chunkCount}`).join(', ');
    fail(`incremental backup of ${request.machine}: disks changed (chain ${chain.id} has ${had}; backup has ${has}); take a full`);
  }
  const planned: PlannedDisk[] = [];
  for (const disk of chain.disks) {
    const source = byName.get(disk.name)!;
    planned.push(new PlannedDisk(disk, readBlocks(source, disk), source.image, state.scratch));
  }
  return planned;
}
