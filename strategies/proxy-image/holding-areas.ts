/**
 * VCB holding areas: local storage on each proxy that takes a full copy of
 * every snapshot before the backup reads it (DOMAIN.md; sim/platform
 * holding-area.ts). The estate does not describe a proxy's local disks, so
 * the design creates one area per proxy, with its own bandwidth and IOPS, the
 * first time a platform that copies snapshots asks for one, and reports each
 * area's peak use to the recorder (claim 6: about the size of the snapshot).
 */
import type { Simulation } from '../../sim/engine/simulation.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import { HoldingArea } from '../../sim/platform/holding-area.js';
import type { BackupRecorder } from '../recorder.js';
import type { ResolvedProxyImageOptions } from './options.js';

export class HoldingAreas {
  private readonly areas = new Map<Proxy, HoldingArea>();

  constructor(
    private readonly sim: Simulation,
    private readonly options: ResolvedProxyImageOptions['holdingArea'],
    private readonly ioSizeBytes: number,
  ) {}

  of(proxy: Proxy): HoldingArea {
    let area = this.areas.get(proxy);
    if (area === undefined) {
      const path = `${proxy.path}/holding-area`;
      const storage = {
        path,
        bandwidth: this.sim.resource({ name: `${path}/bandwidth`, capacity: this.options.bandwidthBytesPerSec, unit: 'B/s' }),
        iops: this.sim.resource({ name: `${path}/iops`, capacity: this.options.iops, unit: 'IO/s' }),
      };
      area = new HoldingArea(storage, this.options.capacityBytes, this.ioSizeBytes);
      this.areas.set(proxy, area);
    }
    return area;
  }

  /** Reports every area's peak use so far. */
  report(recorder: BackupRecorder): void {
    for (const [proxy, area] of this.areas) recorder.noteHoldingArea(proxy.path, area.peakUsedBytes);
  }
}
