/**
 * What the drills of one `startRestoreDrills` call share: the context, the
 * design whose backups they restore, the reports, the one-at-a-time slot of
 * automated verification (SureBackup tests one VM at a time, DOMAIN.md),
 * the tape copies they may read, and a counter naming the virtual labs.
 */
import type { Simulation } from '../../sim/engine/simulation.js';
import type { SlotPool } from '../../sim/engine/slots.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { BackupDesign } from '../protocol.js';
import type { RestoreContext } from './context.js';
import type { ResolvedDrill } from './drill.js';
import type { JournalSource } from './journal-source.js';
import type { VirtualLab } from './lab.js';
import { RestoreDraft, type RestoreReport } from './report.js';
import type { TapeCatalog } from './tape-catalog.js';

export interface DrillEnv {
  sim: Simulation;
  ctx: RestoreContext;
  design: BackupDesign;
  reports: RestoreReport[];
  /** Verification boots one VM at a time. */
  verificationSlots: SlotPool;
  tape: TapeCatalog;
  journals: JournalSource | undefined;
  /** Labs started so far (names their resources). */
  labs: number;
  /** The lab verification boots in, made on first use. */
  verificationLab?: VirtualLab;
}

/** The machine a drill names, by estate name or path; undefined when the world has none. */
export function lookUpMachine(env: { ctx: RestoreContext }, nameOrPath: string): ProtectedMachine | undefined {
  return env.ctx.world.machines.find((m) => m.name === nameOrPath || m.path === nameOrPath);
}

export function newDraft(env: DrillEnv, drill: ResolvedDrill, machinePath: string, kind: string = drill.kind): RestoreDraft {
  return new RestoreDraft(env.sim, env.design.name, drill, machinePath, kind);
}

/** Records the report and appends its record to the run's recorder. */
export function fileReport(env: DrillEnv, report: RestoreReport): RestoreReport {
  env.reports.push(report);
  env.ctx.recorder.restore(report.record);
  return report;
}
