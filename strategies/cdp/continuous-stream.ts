/**
 * The journal stream of continuous CDP: whatever the splitter captured is cut
 * into a shipment and sent to the journal on the target, one shipment at a
 * time, in order; a shipment that arrives makes its writes recoverable.
 *
 * The stream's bytes are the bytes written (every write, rewrites included:
 * the journal keeps each one for any-point-in-time restore). Its demand
 * follows the write rate: a shipment is capped to move its bytes within one
 * change batch, the span over which the guest made those writes (the world
 * applies writes in batches), so in steady state the stream runs at the
 * guest's write rate and a backlog left by congestion drains faster. Each
 * byte costs the splitter's CPU, the host's NIC, the network and the target's
 * ingest.
 */
import { joinHops } from '../../sim/estate/hops.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import { cyclesOn } from '../agent/job-route.js';
import { splitterCpu, type CdpEnv } from './cdp-env.js';
import type { WriteSplitter } from './write-splitter.js';

export function* continuousStream(env: CdpEnv, splitter: WriteSplitter): ProcessBody<void> {
  const { sim, journal } = env;
  const cpu = splitterCpu(env, env.options.splitterCyclesPerByte);
  const ingest = env.target.ingestHops();
  const route = joinHops(cpu.hops, env.networkHops, ingest);
  for (let n = 1; ; n++) {
    if (journal.unshippedEntries === 0) yield splitter.nextWrite();
    // The disks took these writes at the batch instant; the guest made them over the batch before.
    const oldestWriteSec = journal.oldestUnshippedSec - env.changeBatchSec;
    const shipment = journal.cut(sim.now, oldestWriteSec);
    if (shipment === null) continue;
    yield sim.transfer({
      name: `${env.design}/${env.machine.path}/journal-${n}`,
      sizeBytes: shipment.bytes,
      route,
      rateCapBytesPerSec: shipment.bytes / env.changeBatchSec,
    });
    journal.arrived(shipment, sim.now);
    journal.retain(sim.now);
    const t = env.tally;
    t.bytes += shipment.bytes;
    t.shipments++;
    t.maxLagSec = Math.max(t.maxLagSec, sim.now - oldestWriteSec);
    t.cycles[cpu.where] += env.options.splitterCyclesPerByte * shipment.bytes;
    t.cycles.target += cyclesOn(ingest, shipment.bytes);
  }
}
