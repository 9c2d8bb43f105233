/**
 * Keeps the guest capture of every VM snapshot a backup takes, so restore
 * tests can let verification judge a point's images with the guest's own
 * classification (strategies/restore/context.ts, `captures`). It wraps each
 * platform's `createSnapshot`: a test-only probe standing in for the hook
 * the backup jobs do not offer yet.
 */
import type { GuestCapture } from '../../sim/guest/guest.js';
import type { World } from '../../sim/world/world.js';
import type { PointCaptures } from '../../strategies/restore/index.js';

export class SnapshotCaptures implements PointCaptures {
  private readonly byPoint = new Map<string, GuestCapture>();

  constructor(world: World) {
    for (const platform of world.platforms) {
      const create = platform.createSnapshot.bind(platform);
      const byPoint = this.byPoint;
      platform.createSnapshot = function* (vm, options) {
        const r = yield* create(vm, options);
        if (r.kind === 'created') byPoint.set(`${vm.path}@${r.snapshot.createdAtSec}`, r.snapshot.capture);
        return r;
      };
    }
  }

  captureAt(machinePath: string, pointSec: number): GuestCapture | undefined {
    return this.byPoint.get(`${machinePath}@${pointSec}`);
  }
}
