/**
 * Validating and starting a run's tape copies (tape-copy.ts), the way
 * drills are validated and started: before the run, what cannot be done is
 * an 'unsupported' check with its reason (a design without tape among its
 * targets, a design whose points are on tape already, a library the estate does not have, a machine the design does
 * not protect); during the run, each copy is a process that wakes at its
 * time.
 *
 *     const tape = startTapeCopies(ctx, design, [{ library: 'lto', atSec: 86400 + 6 * 3600 }]);
 *     startRestoreDrills(ctx, design, drills, { tape: tape.catalog });   // restores may read the copies
 */
import { ConfigError } from '../../sim/engine/errors.js';
import type { TapeLibrary } from '../../sim/estate/tape-library.js';
import type { ProtectedMachine, World } from '../../sim/world/world.js';
import type { BackupDesign, DesignPlan } from '../protocol.js';
import type { RestoreContext } from './context.js';
import { TapeCatalog } from './tape-catalog.js';
import { tapeCopyJob, unsupportedTapeJob, type TapeCopySpec } from './tape-copy.js';

export type TapeCopyCheck = { index: number; state: 'ok'; machines: readonly ProtectedMachine[] } | { index: number; state: 'unsupported'; reason: string };

export interface TapeCopies {
  catalog: TapeCatalog;
  checks: readonly TapeCopyCheck[];
}

export function validateTapeCopies(world: World, design: BackupDesign, copies: readonly TapeCopySpec[], plan: DesignPlan = design.plan(world)): TapeCopyCheck[] {
  return copies.map((copy, index) => {
    requireWellFormed(copy, index);
    if (!design.capabilities.targets.includes('tape')) {
      return { index, state: 'unsupported', reason: `${design.name} cannot write to tape (it writes ${design.capabilities.targets.join(', ')})` };
    }
    if (plan.pointsOn === 'tape') return { index, state: 'unsupported', reason: `${design.name} keeps its points on tape only: it has no disk point to copy to tape` };
    if (libraryOf(world, copy.library) === undefined) return { index, state: 'unsupported', reason: `the estate has no tape library ${JSON.stringify(copy.library)}` };
    const wanted = copy.machines ?? plan.protect.map((m) => m.path);
    const machines: ProtectedMachine[] = [];
    for (const name of wanted) {
      const m = plan.protect.find((x) => x.name === name || x.path === name);
      if (m === undefined) return { index, state: 'unsupported', reason: `${design.name} does not protect ${name}, so it has nothing of it to copy` };
      machines.push(m);
    }
    return { index, state: 'ok', machines };
  });
}

/** Starts one process per copy; unsupported copies record a failed 'tape-copy' job per machine at their time. */
export function startTapeCopies(ctx: RestoreContext, design: BackupDesign, copies: readonly TapeCopySpec[], options: { plan?: DesignPlan; catalog?: TapeCatalog } = {}): TapeCopies {
  const plan = options.plan ?? design.plan(ctx.world);
  const checks = validateTapeCopies(ctx.world, design, copies, plan);
  const catalog = options.catalog ?? ctx.tape ?? new TapeCatalog();
  const sim = ctx.world.sim;
  copies.forEach((copy, i) => {
    const check = checks[i]!;
    sim.process(`tape-copy/${design.name}/${i}`, (function* () {
      if (copy.atSec > sim.now) yield copy.atSec - sim.now;
      if (check.state === 'unsupported') {
        const machines = (copy.machines ?? plan.protect.map((m) => m.path)).map((name) => ctx.world.machines.find((m) => m.name === name || m.path === name)?.path ?? name);
        for (const m of machines) ctx.recorder.job(unsupportedTapeJob(design.name, m, sim.now, check.reason));
        return;
      }
      yield* tapeCopyJob({ ctx, design, catalog }, libraryOf(ctx.world, copy.library)!, check.machines, copy.point ?? 'latest');
    })());
  });
  return { catalog, checks };
}

function libraryOf(world: World, name: string): TapeLibrary | undefined {
  const t = world.estate.targets.find((x) => x.name === name);
  return t !== undefined && t.kind === 'tape-library' ? world.estate.tapeLibrary(name) : undefined;
}

function requireWellFormed(copy: TapeCopySpec, index: number): void {
  const c = `tape-copy/${index}`;
  if (typeof copy.library !== 'string' || copy.library.length === 0) throw new ConfigError(c, 'library', copy.library, 'name a tape library');
  if (!(Number.isFinite(copy.atSec) && copy.atSec >= 0)) throw new ConfigError(c, 'atSec', copy.atSec, 'be a finite time >= 0');
}
