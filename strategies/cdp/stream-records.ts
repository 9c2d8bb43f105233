/**
 * The continuous stream has no jobs, so it reports itself as one
 * `cdp-stream` record per machine per period (an hour by default), holding
 * what the stream moved and spent in it, so results can draw its load over
 * time beside the nightly jobs of other designs. The last period ends at the
 * run's end.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { JobRecord } from '../recorder.js';
import { batchBoundNote, CDP_PRODUCT_RPO_SEC, emptyTally, type CdpEnv } from './cdp-env.js';

export const STREAM_RECORD_PERIOD_SEC = 3600;

export function* streamRecords(env: CdpEnv, periodSec = STREAM_RECORD_PERIOD_SEC): ProcessBody<void> {
  const { sim } = env;
  let fromSec = sim.now;
  // The same for every record of the run: a change batch longer than CDP's own RPO sets the RPO measured.
  const batchBound = batchBoundNote(env.changeBatchSec, CDP_PRODUCT_RPO_SEC);
  while (sim.now < env.endSec) {
    yield Math.min(periodSec, env.endSec - sim.now);
    env.recorder.job(streamRecord(env, fromSec, batchBound));
    env.tally = emptyTally();
    fromSec = sim.now;
  }
}

function streamRecord(env: CdpEnv, fromSec: number, batchBound: string | null): JobRecord {
  const t = env.tally;
  const w = env.journal.window(env.sim.now);
  return {
    design: env.design,
    machine: env.machine.path,
    kind: 'cdp-stream',
    startSec: fromSec,
    endSec: env.sim.now,
    outcome: { state: 'done' },
    // The splitter copies writes in memory: the stream reads nothing from storage.
    bytesRead: 0,
    bytesSent: t.bytes,
    bytesLogical: t.bytes,
    bytesStored: t.bytes,
    cpuCycles: { guest: t.cycles.guest, host: t.cycles.host, proxy: 0, target: t.cycles.target },
    consistency: 'crash-consistent',
    restorePointId: null,
    snapshot: null,
    notes: [
      `${t.shipments} shipments, longest write-to-target lag ${t.maxLagSec.toFixed(1)} s`,
      w === null ? 'no restorable window yet' : `restorable window ${(w.toSec - w.fromSec).toFixed(0)} s`,
      `journal ${env.journal.bytes} bytes (peak ${env.journal.peakBytes}, reserved ${env.journal.reservedBytes})`,
      ...(env.journal.sizeFolds > 0 ? [`journal size limit reached: ${env.journal.sizeFolds} early folds shortened the window`] : []),
      ...(batchBound === null ? [] : [batchBound]),
    ],
  };
}

