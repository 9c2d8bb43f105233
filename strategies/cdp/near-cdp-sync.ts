/**
 * Near-CDP, the way System Center DPM protects Hyper-V VMs (DOMAIN.md):
 * instead of shipping every write, a filter remembers which blocks changed,
 * and every N minutes (DPM's 15, 30, 45, 60, 120, 240, 360, 720 or 1440) a
 * synchronisation reads those blocks at that instant and sends them. A block
 * rewritten ten times between synchronisations is sent once, but what lies
 * between two synchronisations is lost: the recovery points are the
 * synchronisations, and the RPO is about the interval.
 *
 * Each synchronisation is a journal mark with the consistency the guest model
 * finds at its instant (application-consistent where VSS reaches the
 * applications), so near-CDP needs no separate bookmarks.
 *
 * A synchronisation reads from the machine's storage (unlike the continuous
 * splitter, which copies writes in memory), so it costs the datastore and the
 * host's I/O path as well as CPU, the NIC and the target.
 */
import { ChunkBitmap } from '../../sim/disk/chunk-bitmap.js';
import type { DiskWriteListener, VirtualDisk } from '../../sim/disk/virtual-disk.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Hop } from '../../sim/flow/network.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import { consistencyLabel } from '../agent/consistency-label.js';
import { cyclesOn, streamRoute } from '../agent/job-route.js';
import type { ConsistencyLabel } from '../recorder.js';
import { vssReachable } from './bookmarks.js';
import { batchBoundNote, splitterCpu, type CdpEnv } from './cdp-env.js';

/** Blocks changed since the last synchronisation, and when the first of those writes was taken. */
export class SyncTracker {
  private readonly changed: ChunkBitmap[] = [];
  private readonly listeners: { disk: VirtualDisk; listener: DiskWriteListener }[] = [];
  private firstWriteSec = NaN;

  constructor(
    private readonly sim: Simulation,
    disks: readonly VirtualDisk[],
  ) {
    for (const disk of disks) {
      const listener = new ChangedChunks(this, new ChunkBitmap(disk.chunkCount));
      disk.addListener(listener);
      this.listeners.push({ disk, listener });
      this.changed.push(listener.bits);
    }
  }

  /** A chunk changed that had not since the last synchronisation. */
  noteChange(): void {
    if (Number.isNaN(this.firstWriteSec)) this.firstWriteSec = this.sim.now;
  }

  /** Stops tracking. */
  close(): void {
    for (const { disk, listener } of this.listeners) disk.removeListener(listener);
  }

  /** The changed chunks per disk (ascending) and the first write's time; starts over. */
  take(): { chunks: Uint32Array[]; firstWriteSec: number; count: number } {
    const chunks: Uint32Array[] = [];
    let count = 0;
    for (const b of this.changed) {
      const taken = b.toIndices();
      chunks.push(taken);
      count += taken.length;
      b.clear();
    }
    const firstWriteSec = this.firstWriteSec;
    this.firstWriteSec = NaN;
    return { chunks, firstWriteSec, count };
  }
}

/**
 * One disk's changed chunks. A class rather than an object literal with an
 * arrow: V8 drops an arrow's optimized code when the arrow dies, so a listener
 * made per run would be optimized again in every run.
 */
class ChangedChunks implements DiskWriteListener {
  constructor(
    private readonly tracker: SyncTracker,
    readonly bits: ChunkBitmap,
  ) {}

  onChunkWrite(chunk: number): void {
    if (this.bits.add(chunk)) this.tracker.noteChange();
  }
}

export function* nearCdpSyncs(env: CdpEnv, tracker: SyncTracker): ProcessBody<void> {
  const { sim, journal, options, machine } = env;
  const cpu = splitterCpu(env, options.readCyclesPerByte.nearCdp);
  const ingest = env.target.ingestHops();
  const chunkBytes = machine.guest.disks[0]!.chunkSizeBytes;
  // Each disk's route, built at its first synchronisation and reused: the pieces never change during a run
  // (a machine keeps its host and datastores), and building it anew every few minutes per disk was a good
  // part of a run's garbage.
  const routes: Hop[][] = [];
  // A change batch longer than the sync interval, not the interval, sets the RPO this run measures.
  const batchBound = batchBoundNote(env.changeBatchSec, options.syncIntervalSec);
  for (let n = 1; sim.now + options.syncIntervalSec < env.endSec; n++) {
    yield options.syncIntervalSec;
    const frozen = freezeForSync(env, tracker);
    if (frozen === null) continue;
    const { taken, label } = frozen;
    const startSec = sim.now;
    env.recorder.jobStarted({ design: env.design, machine: machine.path, kind: 'near-cdp-sync', startSec });
    const shipment = journal.cut(startSec, taken.firstWriteSec - env.changeBatchSec)!;
    for (let d = 0; d < taken.chunks.length; d++) {
      const size = taken.chunks[d]!.length * chunkBytes;
      if (size === 0) continue;
      while (routes.length <= d) routes.push(streamRoute({ read: env.routes.diskRead(routes.length, options.readIoSizeBytes), cpu: cpu.hops, network: env.networkHops, ingest }, 1));
      const route = routes[d]!;
      yield sim.transfer({ name: `${env.design}/${machine.path}/sync-${n}/disk-${d}`, sizeBytes: size, route });
    }
    journal.arrived(shipment, sim.now);
    journal.retain(sim.now);
    const bytes = shipment.bytes;
    const cycles = { guest: env.routes.guestIoCyclesPerByte(options.readIoSizeBytes) * bytes, host: env.routes.hostIoCyclesPerByte(options.readIoSizeBytes) * bytes, proxy: 0, target: cyclesOn(ingest, bytes) };
    cycles[cpu.where] += options.readCyclesPerByte.nearCdp * bytes;
    env.recorder.job({
      design: env.design, machine: machine.path, kind: 'near-cdp-sync', startSec, endSec: sim.now, outcome: { state: 'done' },
      bytesRead: bytes, bytesSent: bytes, bytesLogical: bytes, bytesStored: bytes, cpuCycles: cycles, consistency: label,
      restorePointId: null, snapshot: null, notes: [`${taken.count} changed chunks; oldest change ${(sim.now - shipment.oldestWriteSec).toFixed(0)} s old on arrival`, ...(batchBound === null ? [] : [batchBound])],
    });
  }
}

/**
 * The synchronisation instant: quiesce through the guest's VSS writers where
 * they are reachable (DPM protects Hyper-V VMs through VSS), take the changed
 * blocks, put their content at this instant in the journal (DPM reads it from
 * the shadow copy), mark the point with the guest model's verdict, thaw.
 * Null when nothing changed since the last synchronisation.
 */
function freezeForSync(env: CdpEnv, tracker: SyncTracker): { taken: ReturnType<SyncTracker['take']>; label: ConsistencyLabel } | null {
  const { sim, machine, journal } = env;
  const guest = machine.guest;
  const quiesced = vssReachable(guest);
  if (quiesced) guest.quiesce('guest-tools');
  const taken = tracker.take();
  if (taken.count === 0) {
    if (quiesced) guest.thaw();
    return null;
  }
  // A loop, not forEach with an arrow made per call, so V8 keeps its optimized code from one run to the next.
  for (let d = 0; d < taken.chunks.length; d++) {
    const disk = guest.disks[d]!;
    for (const c of taken.chunks[d]!) journal.append(sim.now, d, c, disk.contentAt(c));
  }
  const capture = guest.capture();
  const label = consistencyLabel(guest.classify(guest.disks, capture));
  journal.bookmark(sim.now, label, capture);
  if (quiesced) guest.thaw();
  return { taken, label };
}

