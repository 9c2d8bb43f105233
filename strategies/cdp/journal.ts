/**
 * A CDP journal on the target: the replica's base image plus every write the
 * splitter captured since, shipped in order, kept for a retention window
 * (DOMAIN.md: Veeam CDP keeps a 4 h short-term journal, Zerto 1 h to 30 days).
 *
 * The point-in-time API restores read (strategies/restore/journal-source.ts
 * reaches it structurally through the design):
 *
 *     const j = design.journal('vm/web-01');        // CdpDesign: the latest run's journal, or undefined
 *     design.journalTarget('vm/web-01');            // the estate target it lives on (restores read from there)
 *     const w = j.window(sim.now);                  // { fromSec, toSec } restorable now, or null before the base arrived
 *     const p = j.imageAt(tSec, sim.now);           // { kind: 'image', pointSec, images } or { kind: 'outside-window', window }
 *     p.images[d];                                  // FrozenImage of disk d (chunk content ids), as the disks held it at pointSec
 *     j.bookmarks(sim.now);                         // consistent marks in the window: { timeSec, consistency, capture }
 *     j.imageAtBookmark(b, sim.now);                // a bookmark's image exactly (its journal position)
 *     design.captureAt('vm/web-01', b.timeSec);     // the guest's in-memory state there, for guest.classify(images, capture)
 *     j.rpo(sim.now);                               // { maxSec, meanSec }: how long writes waited to be safe on the target
 *
 * `imageAt` replays the journal over its base: content(t) = base, then every
 * arrived entry with time <= t, in capture order. The base is the initial
 * sync's content, rolled forward as entries older than the window are folded
 * into it. So the journal answers for t in [fromSec, toSec]:
 * - fromSec: the base's time (the sync, or now - retention once folding began);
 * - toSec: the newest state the target holds: `now` when everything captured
 *   has arrived, else the cut time of the newest arrived shipment.
 * Granularity 'any-point' (CDP) returns the state at t itself; 'sync-points'
 * (near-CDP) the state at the newest synchronisation at or before t. A time
 * outside the window is an outcome ('outside-window'), not an error.
 *
 * Entry times are the simulated instants the disks took the writes (guests
 * write in batches, sim/world/guest-activity.ts), so the image at t equals the
 * disks' content at t exactly.
 */
import { fail } from '../../sim/engine/errors.js';
import type { ChunkImage } from '../../sim/disk/chunk-image.js';
import { FrozenImage } from '../../sim/disk/chunk-image.js';
import type { GuestCapture } from '../../sim/guest/guest.js';
import type { ConsistencyLabel } from '../recorder.js';
import { EntryLog } from './entry-log.js';

export type JournalGranularity = 'any-point' | 'sync-points';

export interface JournalOptions {
  granularity: JournalGranularity;
  chunkSizeBytes: number;
  /** Entries older than this are folded into the base. */
  retentionSec: number;
  /** Size the journal reserves on the target however little it holds. */
  minBytes: number;
  /** Beyond this size the oldest arrived entries are folded early (the window shrinks). */
  maxBytes: number;
}

/** One batch of journal entries on its way to the target. */
export interface Shipment {
  /** Journal positions [fromPosition, toPosition). */
  readonly fromPosition: number;
  readonly toPosition: number;
  /** The state the shipment makes recoverable: the disks at this time. */
  readonly cutSec: number;
  /** When the oldest write it carries was made: how far back a loss before its arrival reaches. */
  readonly oldestWriteSec: number;
  readonly bytes: number;
  arrivedSec: number | null;
}

export interface Bookmark {
  readonly timeSec: number;
  /** Entries before this position are in the bookmark's image. */
  readonly position: number;
  readonly consistency: ConsistencyLabel;
  /** The guest's in-memory state at the bookmark (pair it with `imageAt(timeSec)` to classify). */
  readonly capture: GuestCapture;
}

export interface JournalWindow {
  fromSec: number;
  toSec: number;
}

export type PointInTime =
  | { kind: 'image'; requestedSec: number; pointSec: number; images: FrozenImage[] }
  | { kind: 'outside-window'; requestedSec: number; window: JournalWindow | null };

export interface RpoFigures {
  /** Longest time a write waited to be safe on the target (its loss reach had the source failed then), seconds. */
  maxSec: number;
  meanSec: number;
  shipments: number;
}

export class CdpJournal {
  private readonly log = new EntryLog();
  private base: Uint32Array[] = [];
  private baseSec = NaN;
  private baseReadySec: number | null = null;
  private shippedPosition = 0;
  private arrivedPosition = 0;
  private lastArrivedCutSec = -Infinity;
  private readonly sent: Shipment[] = [];
  private readonly marks: Bookmark[] = [];
  private exposure = { max: 0, sum: 0, count: 0 };
  /** Largest size the journal reached, bytes. */
  peakBytes = 0;
  /** Times the size limit folded entries before their retention ran out. */
  sizeFolds = 0;

  constructor(readonly machine: string, readonly options: JournalOptions) {}

  /** The replica's content at `atSec` (the initial sync's point); capture starts at the same instant. */
  setBase(images: readonly ChunkImage[], atSec: number): void {
    if (this.base.length > 0) fail(`${this.machine}: journal base set twice`);
    this.base = images.map((im) => im.read(0, im.chunkCount));
    this.baseSec = atSec;
  }

  /** The initial sync reached the target: the journal can restore from now on. */
  baseArrived(atSec: number): void {
    this.baseReadySec = atSec;
  }

  append(timeSec: number, disk: number, chunk: number, contentId: number): void {
    this.log.append(timeSec, disk, chunk, contentId);
    const bytes = this.bytes;
    if (bytes > this.peakBytes) this.peakBytes = bytes;
  }

  /** Entries captured so far (an absolute position). */
  get position(): number {
    return this.log.end;
  }

  get unshippedEntries(): number {
    return this.log.end - this.shippedPosition;
  }

  /** Capture time of the oldest entry not yet cut into a shipment. */
  get oldestUnshippedSec(): number {
    return this.unshippedEntries > 0 ? this.log.timeAt(this.shippedPosition) : NaN;
  }

  /** Bytes the journal holds on the target (live entries, one chunk each). */
  get bytes(): number {
    return this.log.liveCount * this.options.chunkSizeBytes;
  }

  /** What the journal reserves on the target: its minimum size, or its peak if larger. */
  get reservedBytes(): number {
    return Math.max(this.options.minBytes, this.peakBytes);
  }

  /** Cuts every unshipped entry into a shipment, or returns null when there is none. */
  cut(cutSec: number, oldestWriteSec: number): Shipment | null {
    const from = this.shippedPosition;
    const to = this.log.end;
    if (to === from) return null;
    this.shippedPosition = to;
    const s: Shipment = { fromPosition: from, toPosition: to, cutSec, oldestWriteSec, bytes: (to - from) * this.options.chunkSizeBytes, arrivedSec: null };
    this.sent.push(s);
    return s;
  }

  /** A shipment reached the target (shipments arrive in the order they were cut). */
  arrived(s: Shipment, atSec: number): void {
    if (s.fromPosition !== this.arrivedPosition) fail(`${this.machine}: shipment [${s.fromPosition}, ${s.toPosition}) arrived out of order`);
    s.arrivedSec = atSec;
    this.arrivedPosition = s.toPosition;
    this.lastArrivedCutSec = Math.max(this.lastArrivedCutSec, s.cutSec);
    const e = atSec - s.oldestWriteSec;
    this.exposure = { max: Math.max(this.exposure.max, e), sum: this.exposure.sum + e, count: this.exposure.count + 1 };
  }

  bookmark(timeSec: number, consistency: ConsistencyLabel, capture: GuestCapture): void {
    this.marks.push({ timeSec, position: this.log.end, consistency, capture });
  }

  /** Folds arrived entries older than the retention window, then whole instants beyond the size limit. */
  retain(nowSec: number): void {
    this.foldBefore(nowSec - this.options.retentionSec);
    while (this.bytes > this.options.maxBytes && this.log.start < this.arrivedPosition) {
      const before = this.log.start;
      this.foldBefore(this.nextInstantAfter(this.log.timeAt(before)));
      if (this.log.start === before) break;
      this.sizeFolds++;
    }
  }

  /** What the target can restore as of `nowSec`, or null before the initial sync arrived. */
  window(nowSec: number): JournalWindow | null {
    if (this.baseReadySec === null || nowSec < this.baseReadySec) return null;
    const inSync = this.options.granularity === 'any-point' && this.arrivedPosition === this.log.end;
    return { fromSec: this.baseSec, toSec: inSync ? nowSec : Math.max(this.baseSec, this.lastArrivedCutSec) };
  }

  /** The content of every disk at `tSec` (see the header), or why not. */
  imageAt(tSec: number, nowSec: number): PointInTime {
    const window = this.window(nowSec);
    if (window === null || !(tSec >= window.fromSec && tSec <= window.toSec)) return { kind: 'outside-window', requestedSec: tSec, window };
    const pointSec = this.options.granularity === 'any-point' ? tSec : this.syncPointAt(tSec);
    return { kind: 'image', requestedSec: tSec, pointSec, images: this.replayTo(pointSec, this.arrivedPosition) };
  }

  /**
   * The content at a bookmark exactly: up to its journal position, so writes
   * the disks took later at the same instant are left out.
   */
  imageAtBookmark(bookmark: Bookmark, nowSec: number): PointInTime {
    const window = this.window(nowSec);
    const inside = window !== null && bookmark.timeSec >= window.fromSec && bookmark.position <= this.arrivedPosition;
    if (!inside) return { kind: 'outside-window', requestedSec: bookmark.timeSec, window };
    return { kind: 'image', requestedSec: bookmark.timeSec, pointSec: bookmark.timeSec, images: this.replayTo(bookmark.timeSec, bookmark.position) };
  }

  /** Bookmarks the target can restore as of `nowSec`, oldest first. */
  bookmarks(nowSec: number): Bookmark[] {
    const w = this.window(nowSec);
    if (w === null) return [];
    return this.marks.filter((b) => b.timeSec >= w.fromSec && b.position <= this.arrivedPosition);
  }

  /** The bookmark taken at exactly `timeSec`, if it is still kept. */
  bookmarkAt(timeSec: number): Bookmark | undefined {
    return this.marks.find((b) => b.timeSec === timeSec);
  }

  /** Shipments still in the window (with those on their way), oldest first. */
  shipments(): readonly Shipment[] {
    return this.sent;
  }

  /** Exposure of the writes shipped so far; writes still on their way count up to `nowSec`. */
  rpo(nowSec: number): RpoFigures {
    let max = this.exposure.max;
    const pending = this.sent.find((s) => s.arrivedSec === null);
    if (pending !== undefined) max = Math.max(max, nowSec - pending.oldestWriteSec);
    return { maxSec: max, meanSec: this.exposure.count > 0 ? this.exposure.sum / this.exposure.count : 0, shipments: this.exposure.count };
  }

  /** The base with the live entries before `limitPosition` and not later than `untilSec` applied. */
  private replayTo(untilSec: number, limitPosition: number): FrozenImage[] {
    const content = this.base.map((b) => b.slice());
    this.log.replay(this.log.start, limitPosition, untilSec, (d, c, id) => {
      content[d]![c] = id;
    });
    return content.map((c) => new FrozenImage(c, this.options.chunkSizeBytes));
  }

  /** The newest arrived synchronisation at or before t (or the base). */
  private syncPointAt(tSec: number): number {
    let point = this.baseSec;
    for (const s of this.sent) if (s.arrivedSec !== null && s.cutSec <= tSec && s.cutSec > point) point = s.cutSec;
    return point;
  }

  /**
   * Folds arrived entries with time < cutoff into the base, whole instants
   * only. Entries are in time order, so afterwards every entry older than the
   * first live one is in the base, which then stands for the disks at any
   * time up to that entry's: the base's time moves up to it, or to the
   * cutoff if that is earlier.
   */
  private foldBefore(cutoffSec: number): void {
    const start = this.log.start;
    let p = start;
    while (p < this.arrivedPosition && this.log.timeAt(p) < cutoffSec) p++;
    if (p < this.log.end) while (p > start && this.log.timeAt(p - 1) === this.log.timeAt(p)) p--;
    let lastFoldedSec = this.baseSec;
    if (p > start) {
      lastFoldedSec = this.log.timeAt(p - 1);
      this.log.replay(start, p, Infinity, (d, c, id) => {
        this.base[d]![c] = id;
      });
      this.log.dropBefore(p);
      while (this.sent.length > 0 && this.sent[0]!.toPosition <= p) this.sent.shift();
    }
    const upToSec = Math.min(cutoffSec, this.firstLiveSec());
    this.baseSec = Math.max(this.baseSec, Number.isFinite(upToSec) ? upToSec : lastFoldedSec);
    while (this.marks.length > 0 && this.marks[0]!.timeSec < this.baseSec) this.marks.shift();
  }

  /** The time of the first entry later than `sec`, or Infinity. */
  private nextInstantAfter(sec: number): number {
    for (let p = this.log.start; p < this.log.end; p++) if (this.log.timeAt(p) > sec) return this.log.timeAt(p);
    return Infinity;
  }

  private firstLiveSec(): number {
    return this.log.liveCount > 0 ? this.log.timeAt(this.log.start) : Infinity;
  }
}
