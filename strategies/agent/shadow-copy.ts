/**
 * The agent's in-guest point-in-time copy: a VSS shadow copy on Windows (the
 * system provider is copy-on-write, DOMAIN.md), an LVM or file-system
 * snapshot on Linux (also copy-on-write). One copy-on-write snapshot per disk,
 * all taken at the freeze instant, on the machine's own storage: every first
 * overwrite while the agent reads costs the guest's datastore two extra I/O
 * (sim/snapshot/cow-snapshot.ts), and a full diff area drops the copy, which
 * fails the job as it would on Windows.
 *
 * The platform's write driver only charges the platform's own snapshots, so
 * the agent charges its copy's extra I/O itself (`chargeIo`), once per change
 * batch while it reads and once more on release.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import type { ChunkImage } from '../../sim/disk/chunk-image.js';
import { CowSnapshot } from '../../sim/snapshot/cow-snapshot.js';
import type { ProtectedMachine } from '../../sim/world/world.js';

export type ShadowRead = { kind: 'readable'; images: ChunkImage[] } | { kind: 'lost'; reason: string };

export class ShadowCopy {
  private constructor(
    private readonly sim: Simulation,
    private readonly snapshots: readonly CowSnapshot[],
  ) {}

  /** Takes a copy of every disk of the machine now; `diffAreaBytes(i)` sizes disk i's diff area. */
  static take(sim: Simulation, machine: ProtectedMachine, id: string, diffAreaBytes: (diskIndex: number) => number): ShadowCopy {
    const ios = machine.platformVm.ios;
    // Pushed, not mapped: V8's optimized map() makes holey arrays and its unoptimized one packed
    // arrays, and the code reading the copy would be deoptimized whenever the other kind turned up.
    const snaps: CowSnapshot[] = [];
    for (let i = 0; i < machine.guest.disks.length; i++) {
      snaps.push(new CowSnapshot(`${machine.path}/disk/${i}@${id}`, machine.guest.disks[i]!, ios[i]!, sim, { diffAreaBytes: diffAreaBytes(i) }));
    }
    return new ShadowCopy(sim, snaps);
  }

  /** The content at the freeze instant, or why it is gone. */
  read(): ShadowRead {
    const images: ChunkImage[] = [];
    for (const s of this.snapshots) {
      const r = s.read();
      if (r.kind === 'lost') return { kind: 'lost', reason: `${s.id}: ${r.reason}` };
      if (r.kind === 'deleted') throw new Error(`invariant violated: reading ${s.id} after release`);
      images.push(r.image);
    }
    return { kind: 'readable', images };
  }

  /** Charges the copy-aside I/O accrued so far, spread over `spreadOverSec`. */
  chargeIo(spreadOverSec: number): void {
    for (const s of this.snapshots) s.chargePendingIo(this.sim, spreadOverSec);
  }

  /** Extra I/O the copy cost production so far, bytes. */
  get extraIoBytes(): number {
    return this.snapshots.reduce((sum, s) => sum + s.account().extraIoBytes, 0);
  }

  /** Deletes every disk's copy (charging what is still pending). */
  *release(): ProcessBody<void> {
    this.chargeIo(0);
    for (const s of this.snapshots) yield* s.delete(this.sim);
  }
}
