/**
 * One agent backup job, as an operator would describe it (DESIGN.md,
 * decision 2): run the application hooks and freeze, take the in-guest
 * shadow copy, thaw; work out which files changed; read them whole from the
 * copy and send them; release the copy; commit the restore point.
 *
 * Everything happens inside the machine: the reads cross the VM's datastore
 * and its host's I/O path, the processing runs on the VM's vCPUs (and so on
 * its host's cores), and the data leaves through the host's NIC. That is why
 * agents on many VMs of one host hurt each other's applications (DOMAIN.md,
 * family 1; claim 1). The hooks reach applications without a VSS writer, so
 * the point is application-consistent where a tools quiesce is not (claim 4);
 * the consistency recorded is the guest model's verdict on the copy's content.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import type { Flow } from '../../sim/flow/network.js';
import type { GuestCapture, QuiesceOutcome } from '../../sim/guest/guest.js';
import type { IngestPlan } from '../../sim/repository/index.js';
import type { BackupRecorder, ConsistencyLabel, JobOutcome, JobRecord } from '../recorder.js';
import { consistencyLabel } from './consistency-label.js';
import type { FileChunkMap, ReadSet } from './file-map.js';
import { cyclesOn, streamRoute } from './job-route.js';
import type { GuestSideEnv } from './machine-routes.js';
import { shadowDiffAreaBytes, type ResolvedAgentOptions } from './options.js';
import { ShadowCopy } from './shadow-copy.js';
import type { WrittenChunks } from '../../sim/disk/written-chunks.js';

/** What one machine's agent works with, for all its jobs. */
export interface AgentEnv extends GuestSideEnv {
  /** The chunk -> file map, built per job (at estate scale it would double the disks' memory if kept). */
  files(): FileChunkMap;
  written: readonly WrittenChunks[];
  options: ResolvedAgentOptions;
  recorder: BackupRecorder;
  /** The world's write batch: the shadow copy's extra I/O is charged at this pace. */
  changeBatchSec: number;
  /** Keeps the guest's in-memory state at a committed point's instant (restores classify with it). */
  keepCapture(pointSec: number, capture: GuestCapture): void;
}

/** The freeze instant: what the copy holds and what the guest had in memory then. */
interface Frozen {
  pointSec: number;
  shadow: ShadowCopy;
  capture: GuestCapture;
  quiesce: QuiesceOutcome;
  changed: Uint32Array[];
}

export function* runAgentJob(env: AgentEnv, asked: 'full' | 'incremental', sequence: number, lateSec: number): ProcessBody<JobRecord> {
  const { sim, machine, options } = env;
  const startSec = sim.now;
  const notes: string[] = lateSec > 0 ? [`started ${lateSec.toFixed(0)} s late: the previous job was still running`] : [];
  const kind = asked === 'incremental' && env.target.repository.latestPoint(machine.path) === undefined ? 'full' : asked;
  if (kind !== asked) notes.push('no chain to continue: full instead of incremental');
  env.recorder.jobStarted({ design: env.design, machine: machine.path, kind, startSec });
  yield options.prepareSec;
  const frozen = freeze(env, sequence);
  const first = frozen.shadow.read();
  if (first.kind === 'lost') throw new Error(`invariant violated: a shadow copy lost at its own creation (${first.reason})`);
  const label = consistencyLabel(machine.guest.classify(first.images, frozen.capture));
  for (const a of frozen.quiesce.apps) if (!a.flushed) notes.push(`${a.app} not flushed: ${a.reason ?? 'unknown'}`);
  const files = env.files();
  const reads = first.images.map((image, i) => (kind === 'full' ? files.full(i, image) : files.incremental(i, frozen.changed[i]!)));
  notes.push(`read ${reads.reduce((s, r) => s + r.files, 0)} files whole and ${reads.reduce((s, r) => s + r.looseChunks, 0)} chunks outside files`);
  const plan = env.target.repository.planIngest({
    machine: machine.path,
    timeSec: frozen.pointSec,
    kind,
    consistency: label,
    placement: options.dedupe,
    // Compressed data no longer dedupes at a target, so the agent leaves compression to it then.
    compressAt: options.compression && options.dedupe !== 'target' ? 'source' : 'target',
    disks: first.images.map((image, i) => ({ name: `disk/${i}`, image, readChunks: reads[i]!.chunks })),
  });
  const cycles = yield* stream(env, plan, reads, frozen.shadow, sequence);
  const after = frozen.shadow.read();
  yield* frozen.shadow.release();
  const snapshot = { kind: 'in-guest-copy-on-write', createdSec: frozen.pointSec, deletedSec: sim.now, extraIoBytes: frozen.shadow.extraIoBytes, consolidationSec: 0, stunSec: 0, lost: after.kind === 'lost' };
  const result = settle(env, plan, after.kind === 'lost' ? after.reason : null, frozen.changed);
  if (result.pointId !== null) env.keepCapture(frozen.pointSec, frozen.capture);
  const record: JobRecord = {
    design: env.design, machine: machine.path, kind, startSec, endSec: sim.now, outcome: result.outcome,
    bytesRead: plan.traffic.bytesReadAtSource, bytesSent: plan.traffic.bytesSent, bytesLogical: result.logicalBytes, bytesStored: result.storedBytes,
    cpuCycles: { ...cycles, proxy: 0 }, consistency: label, restorePointId: result.pointId, snapshot, notes,
  };
  env.recorder.job(record);
  return record;
}

/** Hooks flush, the copy is taken and the change sets are handed over, all at one instant; then the guest thaws. */
function freeze(env: AgentEnv, sequence: number): Frozen {
  const { sim, machine, options } = env;
  const guest = machine.guest;
  const quiesce = guest.quiesce('agent');
  const shadow = ShadowCopy.take(sim, machine, `agent-${sequence}`, (i) => shadowDiffAreaBytes(options, guest.disks[i]!.provisionedBytes));
  const capture = guest.capture();
  const changed = env.written.map((w) => w.take());
  guest.thaw();
  return { pointSec: sim.now, shadow, capture, quiesce, changed };
}

/** Reads and sends each disk's share of the plan, one disk after another; returns the CPU cycles spent, by where. */
function* stream(env: AgentEnv, plan: IngestPlan<ConsistencyLabel>, reads: readonly ReadSet[], shadow: ShadowCopy, sequence: number): ProcessBody<{ guest: number; host: number; target: number }> {
  const { sim, routes, options } = env;
  const t = plan.traffic;
  const cycles = { guest: 0, host: 0, target: 0 };
  const bytesRead = t.bytesReadAtSource;
  if (!(bytesRead > 0)) return cycles;
  const io = options.readIoSizeBytes;
  const processing = options.readCyclesPerByte[plan.kind] * bytesRead + options.compressCyclesPerByte * t.bytesCompressedAtSource + options.hashCyclesPerByte * t.bytesHashedAtSource;
  const sentPerByteRead = t.bytesSent / bytesRead;
  const totalChunks = reads.reduce((s, r) => s + r.chunks.length, 0);
  for (let i = 0; i < reads.length; i++) {
    const size = (bytesRead * reads[i]!.chunks.length) / totalChunks;
    if (!(size > 0)) continue;
    const ingest = env.target.ingestHops();
    const route = streamRoute({ read: routes.diskRead(i, io), cpu: routes.guestCpu(processing / bytesRead), network: env.networkHops, ingest }, sentPerByteRead);
    const flow = sim.transfer({ name: `${env.design}/${env.machine.path}/job-${sequence}/disk-${i}`, sizeBytes: size, route });
    yield* waitCharging(sim, flow, shadow, env.changeBatchSec);
    cycles.target += cyclesOn(ingest, size * sentPerByteRead);
  }
  cycles.guest = processing + routes.guestIoCyclesPerByte(io) * bytesRead;
  cycles.host = routes.hostIoCyclesPerByte(io) * bytesRead;
  return cycles;
}

/** Waits for a flow, charging the shadow copy's copy-aside I/O once per change batch meanwhile. */
function* waitCharging(sim: Simulation, flow: Flow, shadow: ShadowCopy, batchSec: number): ProcessBody<void> {
  while (flow.active) {
    yield sim.anyOf([flow, sim.wait(batchSec)]);
    shadow.chargeIo(batchSec);
  }
}

interface Settled {
  outcome: JobOutcome;
  pointId: string | null;
  logicalBytes: number;
  storedBytes: number;
}

/** Commits the point, or aborts it when the copy was lost; a failed job gives its change sets back. */
function settle(env: AgentEnv, plan: IngestPlan<ConsistencyLabel>, lostReason: string | null, changed: readonly Uint32Array[]): Settled {
  const repo = env.target.repository;
  const failed = (reason: string): Settled => {
    changed.forEach((c, i) => env.written[i]!.giveBack(c));
    return { outcome: { state: 'failed', reason }, pointId: null, logicalBytes: 0, storedBytes: 0 };
  };
  if (lostReason !== null) {
    repo.abort(plan, 0);
    return failed(`shadow copy lost: ${lostReason}`);
  }
  const outcome = repo.commit(plan);
  if (outcome.state === 'out-of-capacity') return failed(`${env.target.target.path} is full (${outcome.orphanBlocks} blocks left orphaned)`);
  if (outcome.state === 'blocks-collected') return failed(`${outcome.missingBlocks} deduplicated blocks were collected before the commit`);
  return { outcome: { state: 'done' }, pointId: String(outcome.point.id), logicalBytes: outcome.point.logicalBytes, storedBytes: outcome.newPhysicalBytes };
}
