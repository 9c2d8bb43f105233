/**
 * Which drills a design can deliver on a world, decided before the run
 * (issue 4, "bad input": an impossible request is reported, never thrown).
 *
 * A drill is unsupported when the world has no such machine, the design does
 * not protect it (with the design's own reason), the design does not offer
 * that granularity (an image product that restores whole VMs only cannot
 * restore a file, DOMAIN.md), the platform cannot boot a VM from a backup
 * (instant recovery, labs and verification need `instantRecovery`), the
 * file, disk or application does not exist, a tape restore is asked of a
 * design that cannot write tape (claim 11), or a restore other than a whole
 * VM or disk is asked of a design whose points live on tape only. Everything here reads
 * capabilities as data; nothing switches on a concrete design or platform.
 */
import type { World, ProtectedMachine } from '../../sim/world/world.js';
import type { BackupDesign, DesignPlan } from '../protocol.js';
import { filePath, resolveDrill, type RestoreDrill, type ResolvedDrill } from './drill.js';
import { journalSourceOf, type JournalSource } from './journal-source.js';

export type DrillCheck = { index: number; state: 'ok' } | { index: number; state: 'unsupported'; reason: string };

export interface ValidateOptions {
  /** The design's plan, if already made (saves planning twice). */
  plan?: DesignPlan;
  /** A point-in-time source besides the design's own. */
  journals?: JournalSource;
}

/** Kinds a tape copy can serve: a tape is read whole, front to back. */
const FROM_TAPE: ReadonlySet<string> = new Set(['vm', 'disk']);

export function validateDrills(world: World, design: BackupDesign, drills: readonly RestoreDrill[], options: ValidateOptions = {}): DrillCheck[] {
  const plan = options.plan ?? design.plan(world);
  const journals = options.journals ?? journalSourceOf(design);
  return drills.map((d, index) => {
    const reason = refusal(world, design, plan, resolveDrill(d, index), journals);
    return reason === null ? { index, state: 'ok' } : { index, state: 'unsupported', reason };
  });
}

function refusal(world: World, design: BackupDesign, plan: DesignPlan, drill: ResolvedDrill, journals: JournalSource | undefined): string | null {
  const m = protectedMachine(world, design, plan, drill.machine);
  if (typeof m === 'string') return m;
  const caps = design.capabilities;
  if (!caps.restores.includes(drill.kind)) return `${design.name} offers no ${drill.kind} restore (it offers ${caps.restores.join(', ') || 'none'})`;
  if (plan.pointsOn === 'tape' && !FROM_TAPE.has(drill.kind)) {
    return `${design.name} keeps its points on tape only, and a ${drill.kind} restore cannot read a tape (tape restores are whole VMs or disks)`;
  }
  if (drill.from === 'tape') {
    if (!FROM_TAPE.has(drill.kind)) return `a ${drill.kind} restore cannot read a tape copy (tape restores are whole VMs or disks)`;
    if (!caps.targets.includes('tape')) return `${design.name} cannot write to tape, so it holds no tape copy to restore from`;
  }
  return KIND_CHECKS[drill.kind]?.(world, design, plan, m, drill, journals) ?? null;
}

type KindCheck = (world: World, design: BackupDesign, plan: DesignPlan, m: ProtectedMachine, drill: ResolvedDrill, journals: JournalSource | undefined) => string | null;

const KIND_CHECKS: Readonly<Partial<Record<string, KindCheck>>> = {
  disk: (_w, _d, _p, m, drill) => (drill.disk < m.guest.disks.length ? null : `${m.path} has no disk ${drill.disk} (it has ${m.guest.disks.length})`),
  file: (_w, _d, _p, m, drill) => fileRefusal(m, filePath(m, drill.file)),
  'application-item': (_w, _d, _p, m, drill) => {
    const app = m.guest.apps[0];
    if (app === undefined) return `${m.path} runs no application to restore an item of`;
    const path = filePath(m, drill.file);
    if (path === undefined) return null;
    const f = m.guest.filesystem.get(path);
    if (f === undefined) return `${m.path} has no file ${JSON.stringify(path)}`;
    return f.diskIndex === app.diskIndex ? null : `${path} is not on the disk of ${app.name} (disk ${app.diskIndex})`;
  },
  'point-in-time': (_w, design, _p, m, _drill, journals) =>
    journals?.journalOf(m.path) === undefined ? `${design.name} keeps no journal of ${m.path} to restore a point in time from` : null,
  'instant-recovery': (_w, _d, _p, m) => bootRefusal(m),
  'virtual-lab': (world, design, plan, m, drill) => bootRefusal(m) ?? labRefusal(world, design, plan, drill.labMachines),
  verification: (_w, _d, _p, m) => bootRefusal(m),
};

/** The machine, or why the drill cannot have it. */
function protectedMachine(world: World, design: BackupDesign, plan: DesignPlan, nameOrPath: string): ProtectedMachine | string {
  const m = world.machines.find((x) => x.name === nameOrPath || x.path === nameOrPath);
  if (m === undefined) return `the world has no machine ${JSON.stringify(nameOrPath)}`;
  if (plan.protect.some((p) => p.path === m.path)) return m;
  const why = plan.unprotected.find((u) => u.machine === m.path)?.reason ?? 'not in its plan';
  return `${design.name} does not protect ${m.path}: ${why}`;
}

function fileRefusal(m: ProtectedMachine, path: string | undefined): string | null {
  if (path === undefined) return `a file restore of ${m.path} names no file`;
  return m.guest.filesystem.get(path) === undefined ? `${m.path} has no file ${JSON.stringify(path)}` : null;
}

function labRefusal(world: World, design: BackupDesign, plan: DesignPlan, others: readonly string[]): string | null {
  for (const other of others) {
    const o = protectedMachine(world, design, plan, other);
    const r = typeof o === 'string' ? o : bootRefusal(o);
    if (r !== null) return `lab machine: ${r}`;
  }
  return null;
}

/** Why the machine's platform cannot boot it from a backup, or null. */
export function bootRefusal(m: ProtectedMachine): string | null {
  const caps = m.platform.capabilities;
  if (caps.instantRecovery !== null && m.host !== null) return null;
  return `${caps.description} cannot mount a backup as a datastore to boot ${m.path} from`;
}
