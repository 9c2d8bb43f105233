/**
 * Restore drills (strategies/restore/drill.ts), tape copies and faults
 * (strategies/restore/scheduled-faults.ts), asked of every design at the
 * same simulated times. Times are offsets from the start of the
 * run: `1d 09:00` is day 1 (0-based) at 09:00.
 */
import * as z from 'zod';
import type { RestoreKind } from '../../strategies/protocol.js';
import { LIMITS } from './defaults.js';
import { bool, list, name, obj, oneOf, parsed, quantity, wholeNumber } from './fields.js';
import { parseDuration, parseInstant, show, INSTANT_HELP } from './units.js';

/** Scenario spellings of the restore kinds; the engine's own names are accepted too. */
export const DRILL_KIND_NAMES: Readonly<Record<string, RestoreKind>> = {
  vm: 'vm',
  disk: 'disk',
  file: 'file',
  'app-item': 'application-item',
  'application-item': 'application-item',
  'instant-recovery': 'instant-recovery',
  lab: 'virtual-lab',
  'virtual-lab': 'virtual-lab',
  verification: 'verification',
  'point-in-time': 'point-in-time',
};

export const instant = (what: string) => quantity(parseInstant, `${what}: ${INSTANT_HELP}`, { min: 0, max: LIMITS.days * 86_400 });

const pointSchema = z.union([z.literal('latest'), obj({ atOrBefore: instant('newest point at or before') })], {
  error: (iss) => `must be "latest" or { atOrBefore: time }, got ${show(iss.input)}`,
});

/** A guest file path, or `largest` (the machine's largest file in the run's guest layout). */
const fileSchema = parsed(
  (v) => (typeof v === 'string' && v.length > 0 && v.length <= 1024 ? { ok: true, value: v } : { ok: false, message: `must be a file path in the guest or "largest", got ${show(v)}` }),
  { type: 'string', description: 'a file path in the guest, or "largest"' },
);

export const drillSchema = obj(
  {
    kind: oneOf(Object.keys(DRILL_KIND_NAMES), 'what is restored'),
    machine: name('VM or physical server restored'),
    at: instant('when the restore is asked for'),
    point: pointSchema.optional(),
    file: fileSchema.optional(),
    disk: wholeNumber('disk index', { min: 0, max: LIMITS.disksPerVm - 1 }).optional(),
    labMachines: list(name('machine'), 100, 'machines started in the same lab').optional(),
    labRun: quantity(parseDuration, 'how long the lab runs', { min: 0, max: 30 * 86_400 }).optional(),
    bootWait: quantity(parseDuration, 'wait after boot before testing', { min: 0, max: 86_400 }).optional(),
    validateIntegrity: bool('also read every stored block back').optional(),
    from: oneOf(['repository', 'tape'] as const, 'where the restore reads from').optional(),
  },
  'a restore drill',
);

export const tapeCopySchema = obj(
  {
    library: name('tape target'),
    at: instant('when the copy starts'),
    machines: list(name('machine'), LIMITS.vms, 'machines to copy').optional(),
    point: pointSchema.optional(),
  },
  'a disk-to-tape copy',
);

/** A fault the run injects: the stored block behind one chunk of a machine's restore point rots ("bit rot at time T"). */
export const faultSchema = obj(
  {
    kind: oneOf(['corrupt-block'] as const, 'what goes wrong'),
    machine: name('VM or physical server whose backup is hit'),
    at: instant('when the block rots'),
    point: pointSchema.optional(),
    disk: wholeNumber('disk index', { min: 0, max: LIMITS.disksPerVm - 1 }).optional(),
    chunk: wholeNumber('chunk of the disk whose stored block rots', { min: 0, max: 2 ** 40 }).optional(),
    file: fileSchema.optional(),
  },
  'a fault injected into the run',
);

export type DrillInput = z.output<typeof drillSchema>;
export type FaultInput = z.output<typeof faultSchema>;
export type TapeCopyInput = z.output<typeof tapeCopySchema>;
