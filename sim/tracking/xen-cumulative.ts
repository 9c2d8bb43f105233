/**
 * XenServer before 7.3: no changed block tracking. Third-party tools made
 * incrementals by comparing the new snapshot with the one kept from the last
 * full backup, so every incremental is cumulative since the last full and
 * grows each day until the next full.
 *
 * A query is answered relative to the last full (or to the asked point if that
 * is older, so nothing written since the asked point is ever missed); the
 * answer's `since` names the baseline it used. Before any full backup the
 * answer is `full-required`.
 */
import type { VirtualDisk } from '../disk/virtual-disk.js';
import { fullRequired } from './answers.js';
import type { ChangedAreas, MarkOptions, TrackerCapabilities } from './change-areas.js';
import type { IssuedPoint } from './epoch-log.js';
import { EpochTracker } from './epoch-tracker.js';

export const XEN_CUMULATIVE_CAPABILITIES: TrackerCapabilities = {
  kind: 'xen-cumulative',
  incremental: true,
  cumulativeSinceFull: true,
  resetBy: [],
};

type Backup = 'full' | 'incremental';

export class XenCumulative extends EpochTracker<Backup> {
  private lastFull: string | undefined;

  constructor(disk: VirtualDisk) {
    super(disk, XEN_CUMULATIVE_CAPABILITIES);
  }

  /** Marks a backup snapshot; `{ backup: 'full' }` makes it the new baseline. */
  mark(options: MarkOptions = {}): string {
    const backup = options.backup ?? 'incremental';
    const id = this.issue((instance, sequence) => `${this.disk.name}@xapi${instance}-${backup}-${sequence}`, backup);
    if (backup === 'full') this.lastFull = id;
    return id;
  }

  protected override answer(asked: string, point: IssuedPoint<Backup>): ChangedAreas {
    const full = this.lastFull === undefined ? undefined : this.log.lookup(this.lastFull);
    if (full === undefined || full.kind !== 'current') {
      return fullRequired(this.disk, asked, 'no-full-backup-yet', `${this.disk.name}: incrementals are cumulative against a full backup, and there is none`);
    }
    const useFull = full.point.epoch <= point.epoch;
    const since = useFull ? this.lastFull! : asked;
    const chunks = this.log.changedAfter(Math.min(full.point.epoch, point.epoch));
    return { kind: 'changed', asked, since, chunks, changedBytes: chunks.length * this.disk.chunkSizeBytes };
  }
}
