/**
 * Reading a snapshot's disks and sending them: per disk, open through the
 * transport (VCB: copy into the holding area first), stream the planned
 * bytes as one flow, close. Disks run in parallel up to the task slots the
 * job holds, in waves, as a proxy runs one task per disk.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Flow } from '../../sim/flow/network.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import type { ProxyProcessing } from '../../sim/estate/defaults.js';
import type { TransportName } from '../../sim/platform/transports.js';
import { TRANSPORTS } from '../../sim/platform/transports.js';
import type { VmSnapshot } from '../../sim/platform/vm-snapshot.js';
import type { IngestTraffic } from '../../sim/repository/index.js';
import type { Vm } from '../../sim/estate/vm.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { JobRecord } from '../recorder.js';
import { repoOf, type ProxyJobEnv } from './env.js';
import { addCycles, streamRoute, taskRateCapBytesPerSec } from './stream.js';
import { openDisk, readRoutes } from './transport.js';

export interface ReadRequest {
  proxy: Proxy;
  snapshot: VmSnapshot;
  order: readonly TransportName[];
  /** Chunks read per disk (their share of the planned traffic). */
  readCounts: readonly number[];
  traffic: IngestTraffic;
  mode: ProxyProcessing;
  /** Disks processed at once. */
  slots: number;
}

export interface ReadOutcome {
  ok: boolean;
  reason: string;
  notes: string[];
  /** Bytes read from production storage (VCB: the staging copies). */
  productionBytesRead: number;
  stagedBytes: number;
  cpu: JobRecord['cpuCycles'];
}

export function* readAndSend(env: ProxyJobEnv, m: ProtectedMachine, req: ReadRequest, cpu: JobRecord['cpuCycles']): ProcessBody<ReadOutcome> {
  const out: ReadOutcome = { ok: true, reason: '', notes: [], productionBytesRead: 0, stagedBytes: 0, cpu };
  const disks = m.guest.disks.length;
  for (let first = 0; first < disks && out.ok; first += req.slots) {
    const wave: ProcessBody<void>[] = [];
    for (let i = first; i < Math.min(disks, first + req.slots); i++) wave.push(oneDisk(env, m, req, i, out));
    // One disk runs inline; only parallel disks need processes of their own.
    if (wave.length === 1) {
      yield* wave[0]!;
      continue;
    }
    yield env.sim.allOf(wave.map((body, k) => env.sim.process(`${m.path}/disk/${first + k}/backup`, body)));
  }
  return out;
}

function* oneDisk(env: ProxyJobEnv, m: ProtectedMachine, req: ReadRequest, i: number, out: ReadOutcome): ProcessBody<void> {
  const opened = yield* openDisk(env, m, req.proxy, req.snapshot, i, req.order);
  out.notes.push(...opened.notes);
  if (!opened.ok) {
    out.ok = false;
    out.reason = `disk ${i} could not be opened: ${opened.reason}`;
    return;
  }
  const reader = opened.reader;
  if (reader.stagedBytes > 0) {
    // The staging copy crossed the transport's route; its CPU counts like the read's.
    const staging = readRoutes(env, m.estate as Vm, req.proxy)(TRANSPORTS[reader.transport].route, i);
    if (staging.ok) addCycles(out.cpu, staging.hops, reader.stagedBytes);
    out.stagedBytes += reader.stagedBytes;
    out.productionBytesRead += reader.stagedBytes;
    out.notes.push(`disk ${i}: copied ${reader.stagedBytes} B to ${req.proxy.path}/holding-area first`);
  }
  const total = req.readCounts.reduce((a, b) => a + b, 0);
  const bytes = total > 0 ? (req.traffic.bytesReadAtSource * req.readCounts[i]!) / total : 0;
  if (bytes > 0) {
    const route = streamRoute(
      { readHops: reader.hops, proxy: req.proxy, mode: req.mode, toTarget: env.toTarget.get(req.proxy)!, targetIngest: repoOf(env).ingestHops() },
      req.traffic,
    );
    const cap = taskRateCapBytesPerSec(req.mode, req.traffic);
    const flow: Flow = env.sim.transfer({ name: `${m.path}/disk/${i}/backup`, sizeBytes: bytes, route, rateCapBytesPerSec: cap });
    yield flow;
    addCycles(out.cpu, route, bytes);
    if (reader.stagedBytes === 0) out.productionBytesRead += bytes;
  }
  const still = req.snapshot.disks[i]!.read();
  if (still.kind !== 'readable') {
    out.ok = false;
    out.reason = still.kind === 'lost' ? `snapshot of disk ${i} lost during the read: ${still.reason}` : `snapshot of disk ${i} deleted during the read`;
  }
  yield* reader.close();
}
