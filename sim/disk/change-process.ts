/**
 * A VM disk's change process: which chunks the guest writes, and when.
 *
 * The process owns a written region `[0, frontierChunk)` (up to the highest
 * chunk the guest uses when the process is built) and a hot working set inside
 * it, fixed for the process's life: clusters of `hotClusterChunks` contiguous
 * chunks covering `hotSetFraction` of the region (rounded to whole chunks). Each write draws one uniform number: below `hotWriteShare`
 * it hits a random hot chunk, otherwise a random chunk of the whole region
 * (locality.ts derives the write count that yields the configured daily change
 * fraction). Growth appends fresh chunks at the frontier until the disk is
 * full. Every write carries new content from the ContentSpace.
 *
 * Writes are applied in batches between events (`applyWrites(writer, from,
 * to)`), never one event per write: the process draws the batch's writes into
 * a WriteBatch shared by all processes, then hands it to the writer in one
 * call (write-batch.ts). A batch is cut at hour boundaries and each
 * hour piece draws its write count by stochastic rounding of the expected
 * count, so applying a day in one batch or in hourly batches draws exactly the
 * same writes. Within a piece, writes are spread evenly in time; the time only
 * matters to writers that buffer (an application's unflushed work).
 *
 * While every listener of the disk takes late writes and the process writes
 * to the disk itself (no application buffer between them), a batch is only
 * counted and its content ids taken; the writes are drawn and applied when
 * someone next reads or writes the disk (deferred-writes.ts). The draws, ids
 * and writes are the same either way.
 *
 * `writeBytesPerSec` gives the expected write rate over an interval, to drive
 * the write half of a workload's I/O flow in the contention model.
 */
import { ConfigError, fail } from '../engine/errors.js';
import { AleaCursor, type RandomStream } from '../engine/random.js';
import { resolveChangeConfig, type ChangeConfig, type ChangeProcessOptions } from './change-config.js';
import type { ContentSpace } from './content-space.js';
import { PieceLog } from './deferred-writes.js';
import type { ChunkWriter, PendingWrites, VirtualDisk } from './virtual-disk.js';
import { WriteBatch } from './write-batch.js';

/** Every process draws into this one batch and empties it before returning (no two batches are ever open). */
const SHARED_BATCH = new WriteBatch();
/** Where a process draws its deferred pieces when its disk settles (its own, so a settle inside a batch could not clash). */
const REPLAY_BATCH = new WriteBatch();

/** A piece's write counts, as `drawCounts` leaves them (read back at once, never across another draw). */
const COUNTS = { overwrites: 0, growth: 0, diskFull: false };

/** What the counts and the chunks are drawn from: the process's stream, or a cursor counting ahead of it. */
interface Uniform {
  uniform(): number;
}

export interface WriteBatchSummary {
  fromSec: number;
  toSec: number;
  /** Chunk writes in the batch, overwrites and growth together. */
  chunkWrites: number;
  /** Of those, chunks appended at the frontier. */
  growthChunks: number;
  writtenBytes: number;
  /** True when growth wanted more chunks than the disk had left. */
  diskFull: boolean;
}

/** The tally of `applyWritesCounted`, reused: it is read back before any other batch starts. */
const SCRATCH_SUMMARY: WriteBatchSummary = { fromSec: 0, toSec: 0, chunkWrites: 0, growthChunks: 0, writtenBytes: 0, diskFull: false };

export class ChangeProcess implements PendingWrites {
  readonly config: ChangeConfig;
  readonly chunkCount: number;
  readonly chunkSizeBytes: number;
  /** One past the last chunk of the written region, counting the deferred pieces. */
  private frontier: number;
  /** The same as far as the writes have been applied (behind `frontier` while the log holds growth). */
  private appliedFrontier: number;
  private readonly hot: Uint32Array;
  private lastToSec = -Infinity;
  /** Pieces counted but not yet drawn and applied, in time order. */
  private readonly log = new PieceLog();
  /** Counts pieces ahead of `random`: where the stream will be once the log is applied. */
  private readonly ahead = new AleaCursor();
  /** False after writes were drawn from `random` directly: the cursor is re-read from it before counting. */
  private aheadSynced = false;

  constructor(
    private readonly disk: VirtualDisk,
    private readonly space: ContentSpace,
    private readonly random: RandomStream,
    options: ChangeProcessOptions,
  ) {
    this.config = resolveChangeConfig(options);
    if (space.chunkSizeBytes !== disk.chunkSizeBytes) {
      throw new ConfigError(options.name, 'chunkSizeBytes', disk.chunkSizeBytes, `equal the content space's ${space.chunkSizeBytes}`);
    }
    this.chunkCount = disk.chunkCount;
    this.chunkSizeBytes = disk.chunkSizeBytes;
    this.frontier = disk.usedFrontier();
    this.appliedFrontier = this.frontier;
    this.hot = pickHotSet(this.frontier, this.config.hotSetFraction, this.config.hotClusterChunks, random);
  }

  /** One past the last chunk of the written region. */
  get frontierChunk(): number {
    return this.frontier;
  }

  /** The hot working set, ascending (a copy). */
  hotChunks(): Uint32Array {
    return this.hot.slice();
  }

  /** Expected chunk writes (overwrites and growth) in `[fromSec, toSec)` at the current region size. */
  expectedChunkWrites(fromSec: number, toSec: number): number {
    const perDay = (this.config.writesPerChunkPerDay + this.config.dailyGrowthFraction) * this.frontier;
    return perDay * this.config.profile.activityBetween(fromSec, toSec);
  }

  /** Expected write rate over an interval, in bytes per second (one chunk per chunk write). */
  writeBytesPerSec(fromSec: number, toSec: number): number {
    if (toSec <= fromSec) fail(`rate over an empty interval [${fromSec}, ${toSec})`);
    return (this.expectedChunkWrites(fromSec, toSec) * this.chunkSizeBytes) / (toSec - fromSec);
  }

  /** Applies the writes of `[fromSec, toSec)` to `writer`; batches must come in time order. */
  applyWrites(writer: ChunkWriter, fromSec: number, toSec: number): WriteBatchSummary {
    const summary: WriteBatchSummary = { fromSec, toSec, chunkWrites: 0, growthChunks: 0, writtenBytes: 0, diskFull: false };
    this.apply(writer, fromSec, toSec, summary);
    return summary;
  }

  /**
   * `applyWrites(...).chunkWrites`, without building a summary: the guest
   * driver calls this for every disk every batch (about 100,000 times a
   * simulated day for a thousand VMs) and wants only the count.
   */
  applyWritesCounted(writer: ChunkWriter, fromSec: number, toSec: number): number {
    const tally = SCRATCH_SUMMARY;
    tally.fromSec = fromSec;
    tally.toSec = toSec;
    tally.chunkWrites = 0;
    tally.growthChunks = 0;
    tally.writtenBytes = 0;
    tally.diskFull = false;
    this.apply(writer, fromSec, toSec, tally);
    return tally.chunkWrites;
  }

  /**
   * Draws and writes the batch, adding to `summary` (hour pieces in time
   * order: DailyProfile.pieceEnd); only counts it when the writes may wait.
   */
  private apply(writer: ChunkWriter, fromSec: number, toSec: number, summary: WriteBatchSummary): void {
    if (!(toSec >= fromSec)) fail(`batch [${fromSec}, ${toSec}) runs backwards`);
    if (!(fromSec >= this.lastToSec)) fail(`batch from ${fromSec} overlaps the previous one ending ${this.lastToSec}`);
    this.lastToSec = toSec;
    const profile = this.config.profile;
    if (writer === this.disk && this.disk.takesDeferredWrites) {
      this.countPieces(fromSec, toSec, summary);
    } else {
      // Deferred pieces first: they came before this batch.
      this.disk.settle();
      const batch = SHARED_BATCH;
      batch.begin();
      try {
        for (let t = fromSec; t < toSec; ) {
          const end = profile.pieceEnd(t, toSec);
          this.drawPiece(batch, t, end, profile.pieceActivity(t, end), summary);
          t = end;
        }
        if (batch.count > 0) writer.writeBatch(batch);
      } finally {
        batch.end();
      }
      this.frontier = this.appliedFrontier;
      this.aheadSynced = false;
    }
    summary.writtenBytes = summary.chunkWrites * this.chunkSizeBytes;
  }

  /** Counts the batch's pieces into the log and takes their ids, leaving the writes to the disk's next settle. */
  private countPieces(fromSec: number, toSec: number, summary: WriteBatchSummary): void {
    if (!this.aheadSynced) {
      if (this.log.length > 0) fail(`${this.config.name}: counting ahead of a stream that moved under a deferred log`);
      this.ahead.setState(this.random.state());
      this.aheadSynced = true;
    }
    this.disk.deferWrites(this);
    const profile = this.config.profile;
    for (let t = fromSec; t < toSec; ) {
      const end = profile.pieceEnd(t, toSec);
      // A full log is applied (the stream then stands where the cursor does), and the disk waits again.
      if (this.log.full) {
        this.disk.settle();
        this.disk.deferWrites(this);
      }
      this.countPiece(t, end, profile.pieceActivity(t, end), summary);
      t = end;
    }
  }

  /** drawPiece without the chunk draws and the writes: the counts, the ids, the cursor moved past the draws, one log entry. */
  private countPiece(startSec: number, endSec: number, activity: number, summary: WriteBatchSummary): void {
    const region = this.frontier;
    this.drawCounts(this.ahead, region, activity);
    const overwrites = COUNTS.overwrites;
    const growth = COUNTS.growth;
    if (COUNTS.diskFull) summary.diskFull = true;
    const total = overwrites + growth;
    const firstId = total === 0 ? 0 : this.space.allocate(total);
    this.ahead.skip(overwrites);
    this.frontier = region + growth;
    summary.chunkWrites += total;
    summary.growthChunks += growth;
    this.log.push(startSec, endSec, firstId, total);
  }

  /** Draws and writes the logged pieces, as `apply` would have at their time (the disk's settle calls this). */
  applyPending(): void {
    const log = this.log;
    const batch = REPLAY_BATCH;
    batch.begin();
    try {
      for (let i = 0; i < log.length; i++) {
        const start = log.startSec(i);
        const end = log.endSec(i);
        const region = this.appliedFrontier;
        this.drawCounts(this.random, region, this.config.profile.pieceActivity(start, end));
        const total = COUNTS.overwrites + COUNTS.growth;
        if (total !== log.writes(i)) fail(`${this.config.name}: piece [${start}, ${end}) drew ${total} writes, counted ${log.writes(i)}`);
        if (total > 0) this.writePiece(batch, start, end, region, COUNTS.overwrites, COUNTS.growth, log.firstId(i));
      }
      log.clear();
      if (batch.count > 0) this.disk.writeBatch(batch);
    } finally {
      batch.end();
    }
  }

  /** Draws a piece's counts into COUNTS: one draw for the overwrites (none on an empty region), one for the growth. */
  private drawCounts(random: Uniform, region: number, activity: number): void {
    COUNTS.overwrites = region === 0 ? 0 : stochasticRound(random, this.config.writesPerChunkPerDay * region * activity);
    const wantedGrowth = stochasticRound(random, this.config.dailyGrowthFraction * region * activity);
    COUNTS.growth = Math.min(wantedGrowth, this.chunkCount - region);
    COUNTS.diskFull = COUNTS.growth < wantedGrowth;
  }

  /** Draws one hour piece's writes into the batch (nothing is written yet: writes draw nothing, so the order of draws is the same). */
  private drawPiece(batch: WriteBatch, startSec: number, endSec: number, activity: number, summary: WriteBatchSummary): void {
    const region = this.appliedFrontier;
    this.drawCounts(this.random, region, activity);
    const overwrites = COUNTS.overwrites;
    const growth = COUNTS.growth;
    if (COUNTS.diskFull) summary.diskFull = true;
    const total = overwrites + growth;
    if (total === 0) return;
    this.writePiece(batch, startSec, endSec, region, overwrites, growth, this.space.allocate(total));
    summary.chunkWrites += total;
    summary.growthChunks += growth;
  }

  /** The chunk draws and writes of a piece whose counts and ids are known; growth moves the applied frontier. */
  private writePiece(batch: WriteBatch, startSec: number, endSec: number, region: number, overwrites: number, growth: number, firstId: number): void {
    const total = overwrites + growth;
    const dt = (endSec - startSec) / total;
    const hot = this.hot;
    const hotCount = hot.length;
    // With no hot chunks (tiny region) every write is a region-wide write.
    const hotShare = hotCount > 0 ? this.config.hotWriteShare : 0;
    const hotScale = hotShare > 0 ? hotCount / hotShare : 0;
    const coldScale = hotShare < 1 ? region / (1 - hotShare) : 0;
    const random = this.random;
    for (let k = 0; k < overwrites; k++) {
      const u = random.uniform();
      const chunk = u < hotShare ? hot[Math.min(hotCount - 1, Math.floor(u * hotScale))]! : Math.min(region - 1, Math.floor((u - hotShare) * coldScale));
      batch.push(chunk, firstId + k, startSec + (k + 0.5) * dt);
    }
    for (let j = 0; j < growth; j++) {
      batch.push(this.appliedFrontier++, firstId + overwrites + j, startSec + (overwrites + j + 0.5) * dt);
    }
  }
}

/** floor(x) plus one with probability frac(x): exact in expectation, one draw always. */
function stochasticRound(random: Uniform, x: number): number {
  const whole = Math.floor(x);
  return whole + (random.uniform() < x - whole ? 1 : 0);
}

/**
 * Chooses distinct, cluster-aligned blocks of the region for the hot set (a
 * partial Fisher-Yates over block numbers), ascending, trimmed to the wanted
 * chunk count.
 */
function pickHotSet(regionChunks: number, hotSetFraction: number, clusterChunks: number, random: RandomStream): Uint32Array {
  const wanted = Math.round(regionChunks * hotSetFraction);
  const blockCount = Math.floor(regionChunks / clusterChunks);
  const blocksWanted = Math.min(blockCount, Math.ceil(wanted / clusterChunks));
  if (wanted === 0 || blocksWanted === 0) return new Uint32Array(0);
  const blocks = new Uint32Array(blockCount);
  for (let i = 0; i < blockCount; i++) blocks[i] = i;
  for (let i = 0; i < blocksWanted; i++) {
    const j = random.int(i, blockCount - 1);
    const t = blocks[i]!;
    blocks[i] = blocks[j]!;
    blocks[j] = t;
  }
  const chosen = blocks.slice(0, blocksWanted).sort();
  const hot = new Uint32Array(Math.min(wanted, blocksWanted * clusterChunks));
  for (let k = 0; k < hot.length; k++) hot[k] = chosen[Math.floor(k / clusterChunks)]! * clusterChunks + (k % clusterChunks);
  return hot;
}
