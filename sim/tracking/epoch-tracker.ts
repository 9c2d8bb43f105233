/**
 * Base of the trackers that answer from an EpochLog. Subclasses decide the id
 * format and, where the platform differs, what an answer is relative to; the
 * lookup of ids, resets and power events are the same for all of them and
 * driven by the capabilities data.
 */
import type { VirtualDisk } from '../disk/virtual-disk.js';
import { allAllocated, fullRequired } from './answers.js';
import type { ChangeTracker, ChangedAreas, MarkOptions, PowerEvent, ResetCause, TrackerCapabilities } from './change-areas.js';
import { EpochLog, type IssuedPoint } from './epoch-log.js';

export abstract class EpochTracker<M> implements ChangeTracker {
  protected readonly log: EpochLog<M>;
  private sequence = 0;

  constructor(
    readonly disk: VirtualDisk,
    readonly capabilities: TrackerCapabilities,
  ) {
    this.log = new EpochLog<M>(disk);
  }

  get stateByteLength(): number {
    return this.log.byteLength;
  }

  abstract mark(options?: MarkOptions): string;

  queryChangedAreas(since: string): ChangedAreas {
    if (since === '*') return allAllocated(this.disk);
    const found = this.log.lookup(since);
    if (found.kind === 'unknown') {
      return fullRequired(this.disk, since, 'unknown-change-id', `${this.disk.name}: change id ${since} was not issued by this tracker or is no longer remembered`);
    }
    if (found.kind === 'reset') {
      return fullRequired(this.disk, since, 'tracking-reset', `${this.disk.name}: ${this.capabilities.kind} was reset by ${found.cause} after ${since} was issued`);
    }
    return this.answer(since, found.point);
  }

  powerEvent(event: PowerEvent): void {
    if (this.capabilities.resetBy.includes(event)) this.log.reset(event);
  }

  /** Forgets all tracking (e.g. an administrator disables and re-enables it). */
  reset(cause: ResetCause = 'manual'): void {
    this.log.reset(cause);
  }

  detach(): void {
    this.log.detach();
  }

  /** Changed since the asked point; overridden where a platform answers relative to something else. */
  protected answer(asked: string, point: IssuedPoint<M>): ChangedAreas {
    const chunks = this.log.changedAfter(point.epoch);
    return { kind: 'changed', asked, since: asked, chunks, changedBytes: chunks.length * this.disk.chunkSizeBytes };
  }

  /** Issues the next id (formatted by the subclass) for the epoch that ends now. */
  protected issue(format: (instance: number, sequence: number) => string, meta: M): string {
    const id = format(this.log.instance, ++this.sequence);
    this.log.close(id, meta);
    return id;
  }
}
