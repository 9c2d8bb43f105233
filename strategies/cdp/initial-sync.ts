/**
 * The initial full sync (Zerto, InMage and Veeam CDP all start this way):
 * capture starts, the disks' content at that instant becomes the journal's
 * base and is read whole (every allocated chunk) and sent to the target,
 * where it is stored as a full restore point. Writes captured meanwhile wait
 * in the journal and follow once the base has arrived. A failed sync (the
 * target is full) leaves the machine without a restorable window, and the
 * record says why.
 *
 * Syncs are bounded (`maxConcurrentInitialSyncs`), as products bound them,
 * so starting CDP on a whole estate does not read every disk at once.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import { consistencyLabel } from '../agent/consistency-label.js';
import { cyclesOn, streamRoute } from '../agent/job-route.js';
import type { JobOutcome } from '../recorder.js';
import { splitterCpu, type CdpEnv } from './cdp-env.js';

/**
 * Runs the sync; `startCapture` is called at the base instant (so no write
 * falls between the base and the journal). Returns true when the base arrived.
 */
export function* initialSync(env: CdpEnv, startCapture: () => void): ProcessBody<boolean> {
  const { sim, machine, journal, options } = env;
  const slot = env.syncSlots.acquire();
  try {
    yield slot;
    const startSec = sim.now;
    env.recorder.jobStarted({ design: env.design, machine: machine.path, kind: 'initial-sync', startSec });
    const disks = machine.guest.disks;
    const images = disks.map((d) => d.freeze());
    const capture = machine.guest.capture();
    const label = consistencyLabel(machine.guest.classify(images, capture));
    journal.setBase(images, sim.now);
    startCapture();
    const reads = disks.map((d) => d.nonZeroChunks());
    const plan = env.target.repository.planIngest({
      machine: machine.path, timeSec: startSec, kind: 'full', consistency: label, placement: 'none',
      disks: images.map((image, i) => ({ name: `disk/${i}`, image, readChunks: reads[i]! })),
    });
    const t = plan.traffic;
    const cpu = splitterCpu(env, options.readCyclesPerByte.sync);
    const ingest = env.target.ingestHops();
    const total = reads.reduce((s, r) => s + r.length, 0);
    for (let i = 0; i < disks.length && t.bytesReadAtSource > 0; i++) {
      const size = (t.bytesReadAtSource * reads[i]!.length) / total;
      if (!(size > 0)) continue;
      const route = streamRoute({ read: env.routes.diskRead(i, options.readIoSizeBytes), cpu: cpu.hops, network: env.networkHops, ingest }, t.bytesSent / t.bytesReadAtSource);
      yield sim.transfer({ name: `${env.design}/${machine.path}/initial-sync/disk-${i}`, sizeBytes: size, route });
    }
    const outcome = env.target.repository.commit(plan);
    const ok = outcome.state === 'committed';
    if (ok) {
      journal.baseArrived(sim.now);
      env.keepCapture(startSec, capture);
    }
    const result: JobOutcome = ok ? { state: 'done' } : { state: 'failed', reason: `the base could not be stored on ${env.target.target.path}: ${outcome.state}` };
    const cycles = { guest: 0, host: env.routes.hostIoCyclesPerByte(options.readIoSizeBytes) * t.bytesReadAtSource, proxy: 0, target: cyclesOn(ingest, t.bytesSent) };
    cycles[cpu.where] += options.readCyclesPerByte.sync * t.bytesReadAtSource;
    cycles.guest += env.routes.guestIoCyclesPerByte(options.readIoSizeBytes) * t.bytesReadAtSource;
    env.recorder.job({
      design: env.design, machine: machine.path, kind: 'initial-sync', startSec, endSec: sim.now, outcome: result,
      bytesRead: t.bytesReadAtSource, bytesSent: t.bytesSent, bytesLogical: ok ? outcome.point.logicalBytes : 0, bytesStored: ok ? outcome.newPhysicalBytes : 0,
      cpuCycles: cycles, consistency: label, restorePointId: ok ? String(outcome.point.id) : null, snapshot: null,
      notes: [`journal base at ${startSec.toFixed(0)} s; ${journal.unshippedEntries} writes captured during the sync`],
    });
    return ok;
  } finally {
    slot.cancel();
  }
}
