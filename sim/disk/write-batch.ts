/**
 * A batch of chunk writes in write order, as parallel typed arrays (chunk,
 * new content id, write time, and the old id the disk fills in): what a change
 * process hands its writer in one call instead of one call per write
 * (DESIGN.md, Scale: "aggregate write activity into batches between events").
 *
 * A run applies about a hundred thousand batches a simulated day (every guest
 * every 15 minutes), each of a few writes, so the change processes share one
 * batch and empty it before they return: the arrays are allocated once and
 * stay warm, instead of fresh ones per batch. Filling a batch must not nest
 * (a disk listener never writes), and `begin` checks that.
 */
import { fail } from '../engine/errors.js';

const INITIAL_CAPACITY = 1024;

export class WriteBatch {
  chunks = new Uint32Array(INITIAL_CAPACITY);
  ids = new Uint32Array(INITIAL_CAPACITY);
  times = new Float64Array(INITIAL_CAPACITY);
  /** The ids the chunks held before the writes; filled by the disk that takes the batch. */
  oldIds = new Uint32Array(INITIAL_CAPACITY);
  count = 0;
  private open = false;

  /** Starts filling an empty batch. */
  begin(): void {
    if (this.open) fail('a write batch was started while another was being filled');
    this.open = true;
    this.count = 0;
  }

  /** Done with the batch (after a writer took it): it can be filled again. */
  end(): void {
    this.open = false;
    this.count = 0;
  }

  push(chunkIndex: number, contentId: number, atSec: number): void {
    const k = this.count;
    if (k === this.chunks.length) this.grow();
    this.chunks[k] = chunkIndex;
    this.ids[k] = contentId;
    this.times[k] = atSec;
    this.count = k + 1;
  }

  private grow(): void {
    const capacity = this.chunks.length * 2;
    const chunks = new Uint32Array(capacity);
    const ids = new Uint32Array(capacity);
    const times = new Float64Array(capacity);
    chunks.set(this.chunks);
    ids.set(this.ids);
    times.set(this.times);
    this.chunks = chunks;
    this.ids = ids;
    this.times = times;
    this.oldIds = new Uint32Array(capacity);
  }
}
