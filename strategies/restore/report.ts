/**
 * What one restore did, while it runs (`RestoreDraft`) and once it is over
 * (`RestoreReport`). The report carries the `RestoreRecord` the recorder
 * keeps for the results, plus what the record has no room for yet: the
 * content check, bytes written, the resources its flows crossed (so a test
 * can prove a lab never touched production), the figures of a VM run from
 * its backup, and notes worth showing.
 *
 * Every flow a restore starts goes through `draft.transfer`, which is where
 * the resources are noted: nothing else can start a restore flow unseen.
 */
import type { Simulation } from '../../sim/engine/simulation.js';
import type { Flow, Hop } from '../../sim/flow/network.js';
import type { RestoreRecord } from '../recorder.js';
import type { ContentCheck } from './content-check.js';
import type { ResolvedDrill } from './drill.js';

/** A VM run from its backup (instant recovery, lab, verification). */
export interface RunFromBackup {
  /** When the backup was mounted as a datastore. */
  publishedSec: number;
  /** When the VM had booted from it (service back, for instant recovery). */
  bootedSec: number;
  /** Application I/O asked of the backup while the VM ran from it, and delivered, bytes. */
  ioDemandedBytes: number;
  ioDeliveredBytes: number;
  /** How long the VM ran from the backup, seconds. */
  ranSec: number;
}

export interface RestoreReport {
  drill: ResolvedDrill;
  /** Machine path, `vm/web-01`. */
  machine: string;
  record: RestoreRecord;
  /** The estate target the point was read from (or the tape library), null when none was found. */
  source: string | null;
  pointId: number | null;
  /** Bytes written to production storage (0 for a lab or a verification). */
  bytesWritten: number;
  content: ContentCheck | null;
  /** Every resource a flow of this restore crossed, by name, in order of first use. */
  resources: string[];
  running: RunFromBackup | null;
  notes: string[];
}

export type RestoreOutcome = RestoreRecord['outcome'];

export class RestoreDraft {
  readonly notes: string[] = [];
  readonly resources = new Set<string>();
  readonly requestedSec: number;
  source: string | null = null;
  pointId: number | null = null;
  pointSec = Number.NaN;
  bytesRead = 0;
  bytesWritten = 0;
  serviceSec: number | null = null;
  content: ContentCheck | null = null;
  running: RunFromBackup | null = null;

  constructor(
    private readonly sim: Simulation,
    readonly design: string,
    readonly drill: ResolvedDrill,
    readonly machine: string,
    /** The record's kind (a lab member is 'virtual-lab' whatever drill started it). */
    readonly kind: string = drill.kind,
  ) {
    this.requestedSec = sim.now;
  }

  /** Simulated time now. */
  get now(): number {
    return this.sim.now;
  }

  /** Notes the route's resources, then starts the flow. */
  transfer(name: string, sizeBytes: number, route: readonly Hop[], options: { rateCapBytesPerSec?: number; weight?: number } = {}): Flow {
    for (const h of route) this.resources.add(h.resource.name);
    return this.sim.transfer({ name: `restore/${this.drill.index}/${this.machine}/${name}`, sizeBytes, route, ...options });
  }

  /** The finished report; `serviceSec` defaults to now (service is back when the restore completes). */
  finish(outcome: RestoreOutcome): RestoreReport {
    const now = this.sim.now;
    const record: RestoreRecord = {
      design: this.design,
      machine: this.machine,
      kind: this.kind,
      drill: this.drill.index,
      pointSec: Number.isNaN(this.pointSec) ? this.requestedSec : this.pointSec,
      pointFound: !Number.isNaN(this.pointSec),
      requestedSec: this.requestedSec,
      serviceSec: outcome.state === 'done' ? (this.serviceSec ?? now) : now,
      completeSec: now,
      outcome,
      bytesRead: this.bytesRead,
      notes: [...this.notes],
      ...(this.running === null ? {} : { running: { ranSec: this.running.ranSec, ioDemandedBytes: this.running.ioDemandedBytes, ioDeliveredBytes: this.running.ioDeliveredBytes } }),
    };
    return {
      drill: this.drill,
      machine: this.machine,
      record,
      source: this.source,
      pointId: this.pointId,
      bytesWritten: this.bytesWritten,
      content: this.content,
      resources: [...this.resources],
      running: this.running,
      notes: [...this.notes],
    };
  }
}

/**
 * A content check as a record outcome: done and verified, or failed with the
 * check's reason. Without a witness of the protected data the check could
 * only see that every chunk read back; the done outcome says so.
 */
export function outcomeOf(check: ContentCheck, what: string): RestoreOutcome {
  if (!check.ok) return { state: 'failed', reason: `${what}: ${check.reason ?? 'content check failed'}` };
  if (!check.againstWitness) return { state: 'done', verified: true, reason: `${what}: every chunk read back; no witness of the protected data to compare with` };
  return { state: 'done', verified: true };
}
