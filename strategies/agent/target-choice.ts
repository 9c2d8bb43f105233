/**
 * Which estate target a guest-side design (agent, CDP) writes to, decided
 * before the run. A name that is not in the estate is nonsense input (a
 * ConfigError); a target the design cannot write, or an estate without any
 * target it can write, is a limit: every machine becomes `unprotected` with
 * the reason (issue 4, "Bad input").
 */
import { ConfigError } from '../../sim/engine/errors.js';
import type { BackupTarget } from '../../sim/estate/targets.js';
import type { NetworkAttachment } from '../../sim/estate/network.js';
import type { ProtectedMachine, World } from '../../sim/world/world.js';
import type { DesignPlan, TargetKind, Unprotected } from '../protocol.js';
import { guestSideRoutes } from './machine-routes.js';

export type TargetChoice = { kind: 'ok'; target: BackupTarget } | { kind: 'unusable'; reason: string };

/** The protocol's name for an estate target kind. */
export function targetKindOf(target: BackupTarget): TargetKind {
  return target.kind === 'tape-library' ? 'tape' : target.kind;
}

export function chooseTarget(world: World, design: string, wanted: string | undefined, writable: readonly TargetKind[]): TargetChoice {
  const targets = world.estate.targets;
  if (wanted !== undefined) {
    const target = targets.find((t) => t.name === wanted);
    if (target === undefined) {
      throw new ConfigError(`design/${design}`, 'target', wanted, `name a target of the estate (${targets.map((t) => t.name).join(', ') || 'none'})`);
    }
    if (!writable.includes(targetKindOf(target))) return { kind: 'unusable', reason: `${design} cannot write to ${target.path} (a ${target.kind}; it writes ${writable.join(', ')})` };
    return { kind: 'ok', target };
  }
  const first = targets.find((t) => writable.includes(targetKindOf(t)));
  if (first === undefined) return { kind: 'unusable', reason: `the estate has no target ${design} can write (${writable.join(', ')})` };
  return { kind: 'ok', target: first };
}

/**
 * Plans a design that sends every machine to one target: each machine is
 * protected unless the target is unusable or `refusal` gives a reason
 * (no agent for the platform, no route to the target...).
 */
export function planToTarget(
  world: World,
  design: string,
  wanted: string | undefined,
  writable: readonly TargetKind[],
  refusal: (m: ProtectedMachine, to: NetworkAttachment) => string | null,
): DesignPlan {
  const choice = chooseTarget(world, design, wanted, writable);
  const protect: ProtectedMachine[] = [];
  const unprotected: Unprotected[] = [];
  for (const m of world.machines) {
    const reason = choice.kind === 'unusable' ? choice.reason : refusal(m, choice.target.attachment);
    if (reason === null) protect.push(m);
    else unprotected.push({ machine: m.path, reason });
  }
  return { protect, unprotected };
}

/** Why a guest-side design cannot send a machine's data to the target (no network route), or null. */
export function routeRefusal(world: World, m: ProtectedMachine, to: NetworkAttachment): string | null {
  try {
    world.estate.networkPath(guestSideRoutes(m).attachment, to);
  } catch (e) {
    if (e instanceof ConfigError) return `no network route from ${m.path} to the target: ${e.message}`;
    throw e;
  }
  return null;
}
