/**
 * One proxy image job for one VM, as an operator would describe it: wait for
 * the central scheduler's slots, quiesce and snapshot, ask what changed, read
 * it through the transport and send it (dedupe planned by the repository),
 * commit the restore point, release the snapshot, apply retention. Every
 * limit met on the way is an outcome in the job's record. With a tape
 * target the job takes a drive before the snapshot and streams the image to
 * it instead (tape-job.ts).
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import type { Vm } from '../../sim/estate/vm.js';
import type { TransportName } from '../../sim/platform/transports.js';
import { snapshotImages, type VmSnapshot } from '../../sim/platform/vm-snapshot.js';
import type { IngestPlan } from '../../sim/repository/index.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { blankJob, type ConsistencyLabel, type JobRecord } from '../recorder.js';
import type { Night } from '../schedule/index.js';
import { chunksToRead, countChunks, type ChunksToRead } from './changed-chunks.js';
import { repoOf, type MachineState, type ProxyJobEnv } from './env.js';
import type { TapeDrive } from '../../sim/estate/tape-drive.js';
import { writeImageToTape } from './tape-job.js';
import { consistencyLabel, snapshotRecord } from './job-record.js';
import { finishPoint } from './finish-point.js';
import { HeldSlots } from './limits.js';
import { readAndSend } from './read-disks.js';
import { snapshotStep } from './snapshot-step.js';
import { chooseProxy, transportOrder } from './transport.js';
import { secondsText } from '../time-text.js';

/** A job record while the job runs. */
export type Draft = Omit<JobRecord, 'endSec'>;

export function* proxyJob(env: ProxyJobEnv, m: ProtectedMachine, night: Night): ProcessBody<void> {
  const state = env.machines.get(m.path)!;
  const vm = m.estate as Vm;
  const queuedSec = env.sim.now;
  const draft = newDraft(env, m, decideKind(env, m, state, night));
  const held = new HeldSlots();
  state.running = true;
  try {
    if (env.throttle !== null) {
      const gate = yield* env.throttle.gate(vm);
      if (gate.waitedSec > 0) draft.notes.push(`throttled: waited ${secondsText(gate.waitedSec)} for the datastores to calm${gate.gaveUp ? ', then started anyway' : ''}`);
    }
    yield* env.limits.acquireMachine(vm, held);
    const order = transportOrder(m, env);
    draft.notes.push(...order.notes);
    const { proxy, order: tryOrder } = chooseProxy(env, vm, order.order);
    draft.lane = { kind: 'proxy', name: proxy.path };
    const slots = yield* env.limits.acquireTasks(proxy, m.guest.disks.length, held);
    draft.startSec = env.sim.now;
    if (draft.startSec > queuedSec) draft.notes.push(`queued ${secondsText(draft.startSec - queuedSec)} for scheduling slots`);
    env.ctx.recorder.jobStarted({ design: env.design, machine: m.path, kind: draft.kind, startSec: draft.startSec });
    yield* backUp(env, m, state, draft, { proxy, order: tryOrder, slots });
  } finally {
    held.release();
    state.running = false;
  }
  env.holding.report(env.ctx.recorder);
  env.ctx.recorder.job({ ...draft, endSec: env.sim.now });
}

function decideKind(env: ProxyJobEnv, m: ProtectedMachine, state: MachineState, night: Night): { kind: 'full' | 'incremental'; notes: string[] } {
  if (night.kind === 'full') return { kind: 'full', notes: ['scheduled active full'] };
  const hasPoint = env.repo === null ? state.lastTape !== null : env.repo.repository.latestPoint(m.path) !== undefined;
  if (state.changeIds === null || !hasPoint) return { kind: 'full', notes: ['no restore point yet: full'] };
  return { kind: 'incremental', notes: [] };
}

function newDraft(env: ProxyJobEnv, m: ProtectedMachine, k: { kind: 'full' | 'incremental'; notes: string[] }): Draft {
  const { endSec: _unset, ...blank } = blankJob(env.design, m.path, k.kind, env.sim.now);
  return { ...blank, storageSnapshot: null, notes: [...k.notes] };
}

interface Placement {
  proxy: Proxy;
  order: readonly TransportName[];
  slots: number;
}

function* backUp(env: ProxyJobEnv, m: ProtectedMachine, state: MachineState, draft: Draft, where: Placement): ProcessBody<void> {
  if (env.tape === null) return yield* backUpWith(env, m, state, draft, where, null);
  const library = env.tape.library;
  const queuedSec = env.sim.now;
  const drive = yield* library.acquireDrive();
  if (env.sim.now > queuedSec) draft.notes.push(`waited ${(env.sim.now - queuedSec).toFixed(1)} s for a drive of ${library.path}`);
  try {
    yield* backUpWith(env, m, state, draft, where, drive);
  } finally {
    library.releaseDrive(drive);
  }
}

function* backUpWith(env: ProxyJobEnv, m: ProtectedMachine, state: MachineState, draft: Draft, where: Placement, drive: TapeDrive | null): ProcessBody<void> {
  const kind = draft.kind as 'full' | 'incremental';
  const snap = yield* snapshotStep(m, env.options, kind);
  draft.notes.push(...snap.notes);
  if (!snap.ok) {
    draft.outcome = { state: 'failed', reason: snap.reason };
    return;
  }
  if (snap.quiesceNote !== null) draft.notes.push(`crash-consistent only: ${snap.quiesceNote}`);
  // Asked at the snapshot instant, before anything else can happen to the disks.
  const reads = chunksToRead(m, snap.read, kind, state.changeIds, env.options.changeTracking);
  draft.notes.push(...reads.notes);
  const degraded = snap.degraded ?? reads.degraded;
  if (degraded !== null) draft.outcome = { state: 'degraded', reason: degraded };
  if (snap.read !== snap.vm) {
    draft.snapshot = snapshotRecord(snap.vm, yield* m.platform.deleteSnapshot(snap.vm));
    draft.notes.push(`array snapshot: the VM snapshot lived ${(draft.snapshot.deletedSec - draft.snapshot.createdSec).toFixed(1)} s`);
  }
  const label = consistencyLabel(m.guest.classify(snapshotImages(snap.read), snap.read.capture));
  draft.consistency = label;
  if (drive !== null) {
    yield* writeImageToTape(env, m, state, draft, { tape: env.tape!, drive, proxy: where.proxy, order: where.order, snapshot: snap.read, reads, label });
  } else {
    yield* writeImageToRepository(env, m, draft, snap.read, reads, where, label);
  }
  if (draft.restorePointId !== null) {
    state.changeIds = snap.read.changeIds;
    draft.capture = snap.read.capture;
  }
  const deleted = yield* m.platform.deleteSnapshot(snap.read);
  const record = snapshotRecord(snap.read, deleted);
  if (snap.read === snap.vm) draft.snapshot = record;
  else draft.storageSnapshot = record;
}

function* writeImageToRepository(env: ProxyJobEnv, m: ProtectedMachine, draft: Draft, snapshot: VmSnapshot, reads: ChunksToRead, where: Placement, label: ConsistencyLabel): ProcessBody<void> {
  const kind = draft.kind as 'full' | 'incremental';
  const plan = planPoint(env, m, snapshot, kind, label, reads.chunks);
  const read = yield* readAndSend(
    env,
    m,
    { proxy: where.proxy, snapshot, order: where.order, readCounts: countChunks(reads.chunks), traffic: plan.traffic, mode: reads.fullRead ? 'full' : 'incremental', slots: where.slots },
    draft.cpuCycles,
  );
  draft.notes.push(...read.notes);
  draft.bytesRead = read.productionBytesRead;
  yield* finishPoint(env, m, draft, plan, read.ok ? null : read.reason);
}

function planPoint(env: ProxyJobEnv, m: ProtectedMachine, snapshot: VmSnapshot, kind: 'full' | 'incremental', label: ConsistencyLabel, chunks: readonly Uint32Array[]): IngestPlan<ConsistencyLabel> {
  const base = {
    machine: m.path,
    timeSec: snapshot.createdAtSec,
    consistency: label,
    placement: env.options.dedupe,
    disks: snapshot.disks.map((d, i) => ({ name: `disk/${i}`, image: d.image, readChunks: chunks[i]! })),
  };
  env.openPlans++;
  return repoOf(env).repository.planIngest(kind === 'full' ? { ...base, kind, chainMode: env.options.chainMode } : { ...base, kind });
}
