/**
 * Runs a redirect-on-write consolidation in simulated time: merge passes as
 * flows on the storage route, the guest's real writes during each pass
 * filling a helper delta, and the final stun (consolidation-policy.ts has the
 * rule and its sources).
 *
 * Each pass is one flow of `delta` bytes whose route crosses the storage
 * twice per byte (read the delta, write the parent), so it competes with the
 * guest's I/O and with backups on the same datastore, and a busy datastore
 * makes the merge slower and the stun longer. A merge of a delta the VM is
 * not writing to (an older snapshot in a chain) is a single pass, no stun.
 *
 * While stunned the VM issues no I/O. The simulator cannot stop whoever
 * drives the guest's writes, so `onStun` tells the owner when the stun starts
 * and ends (a driver that cares pauses); writes that still arrive simply land
 * in the parent disk afterwards, which keeps every image exact.
 */
import type { Simulation } from '../engine/simulation.js';
import type { ProcessBody } from '../engine/process.js';
import { WrittenChunks } from '../disk/written-chunks.js';
import type { VirtualDisk } from '../disk/virtual-disk.js';
import { CONSOLIDATION_DEFAULTS, MERGE_IO_PER_DELTA_BYTE, decideNextPass, type ConsolidationPolicy, type ConsolidationResult, type MergePass } from './consolidation-policy.js';
import { scaleHops, type StorageIo } from './storage-io.js';

export interface ConsolidateOptions {
  /** Names the merge flows, e.g. the snapshot id. */
  name: string;
  disk: VirtualDisk;
  io: StorageIo;
  deltaBytes: number;
  /** True when the VM writes into the delta being merged (the newest snapshot): passes and a stun. */
  runningDelta: boolean;
  policy?: ConsolidationPolicy;
  /** Called with true when the VM is stunned and false when it runs again. */
  onStun?: (stunned: boolean) => void;
}


export function* consolidate(sim: Simulation, options: ConsolidateOptions): ProcessBody<ConsolidationResult> {
  const policy = options.policy ?? CONSOLIDATION_DEFAULTS;
  const route = scaleHops(options.io.hops, MERGE_IO_PER_DELTA_BYTE);
  const startSec = sim.now;
  const merge = (bytes: number, label: string) => sim.transfer({ name: `${options.name}/consolidate/${label}`, sizeBytes: bytes, route });
  if (!options.runningDelta) {
    yield merge(options.deltaBytes, 'merge');
    const durationSec = sim.now - startSec;
    return result(options.deltaBytes, [{ deltaBytes: options.deltaBytes, durationSec }], 0, durationSec, 0, true, false);
  }
  // The helper delta the VM writes into while a pass merges.
  const helper = new WrittenChunks(options.disk);
  const passes: MergePass[] = [];
  let delta = options.deltaBytes;
  let rate = Infinity;
  let decision = decideNextPass(0, delta, rate, policy);
  try {
    while (decision.kind === 'another-pass') {
      helper.clear();
      const passStart = sim.now;
      yield merge(delta, `pass-${passes.length}`);
      const durationSec = sim.now - passStart;
      passes.push({ deltaBytes: delta, durationSec });
      rate = durationSec > 0 ? delta / durationSec : Infinity;
      delta = helper.bytes;
      decision = decideNextPass(passes.length, delta, rate, policy);
    }
  } finally {
    helper.close();
  }
  const stunStart = sim.now;
  options.onStun?.(true);
  try {
    yield policy.stunSwitchSec;
    if (delta > 0) yield merge(delta, 'stunned');
  } finally {
    options.onStun?.(false);
  }
  const stunSec = sim.now - stunStart;
  return result(options.deltaBytes, passes, delta, sim.now - startSec, stunSec, decision.converged, true);
}

function result(
  deltaBytes: number,
  passes: MergePass[],
  finalDeltaBytes: number,
  durationSec: number,
  stunSec: number,
  converged: boolean,
  runningDelta: boolean,
): ConsolidationResult {
  const merged = passes.reduce((s, p) => s + p.deltaBytes, 0) + finalDeltaBytes;
  return { deltaBytes, passes, finalDeltaBytes, ioBytes: MERGE_IO_PER_DELTA_BYTE * merged, durationSec, stunSec, converged, runningDelta };
}
