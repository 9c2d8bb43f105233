/**
 * What a proxy image design can protect in a world, decided before the run
 * from data: the target's kind, the proxies of the estate, and each machine's
 * platform capabilities. Everything it cannot protect is an `Unprotected`
 * entry with the reason (DOMAIN.md claim 11), never an exception; only a name
 * that is not in the estate at all is a ConfigError.
 *
 * The target is a disk repository or dedupe appliance (the first of the
 * estate by default), or a tape library the design names: then each VM's
 * image streams straight to a tape drive (tape-job.ts) and the plan says its
 * points live on tape.
 */
import type { Proxy } from '../../sim/estate/proxy.js';
import type { BackupTarget } from '../../sim/estate/targets.js';
import type { ProtectedMachine, World } from '../../sim/world/world.js';
import type { DesignPlan, Unprotected } from '../protocol.js';
import { holdsRepository } from '../runner/bind-repositories.js';
import type { ResolvedProxyImageOptions } from './options.js';

/** Where a planned design writes and through which proxies. */
export interface ProxyImageSetup {
  target: BackupTarget;
  proxies: readonly Proxy[];
}

export type SetupResult = { ok: true; setup: ProxyImageSetup } | { ok: false; reason: string };

/** The target and proxies the design uses, or why it can protect nothing. */
export function resolveSetup(world: World, o: ResolvedProxyImageOptions): SetupResult {
  const estate = world.estate;
  const target = o.target === null ? estate.targets.find(holdsRepository) : estate.target(o.target);
  if (target === undefined) return { ok: false, reason: 'the estate has no disk repository or dedupe appliance to write image backups to' };

  const proxies = o.proxies === null ? estate.proxies : o.proxies.map((p) => estate.proxy(p));
  if (proxies.length === 0) return { ok: false, reason: 'the estate has no backup proxy to read VM snapshots' };
  return { ok: true, setup: { target, proxies } };
}

/** Why a machine cannot be backed up as an image, or null when it can. */
export function machineRefusal(m: ProtectedMachine, o: ResolvedProxyImageOptions, design: string): string | null {
  const caps = m.platform.capabilities;
  const hardware = m.storage.every((s) => s.hardwareSnapshots === true);
  const arrayPossible = o.snapshot === 'array' && hardware && caps.snapshotKinds.includes('array');
  if (caps.defaultSnapshotKind === null && !arrayPossible) {
    return `${caps.description} has no image snapshot API: only an in-guest agent (or an array snapshot of its storage) can protect ${m.path}`;
  }
  if (m.kind !== 'vm') return `${m.path} is not a VM: no proxy can open its disks through a hypervisor`;
  if (o.platforms !== null && !o.platforms.includes(caps.version)) {
    return `${design} has no image backup for ${caps.version} (${caps.description}): it supports ${o.platforms.join(', ')}`;
  }
  return null;
}

export function planProxyImage(world: World, o: ResolvedProxyImageOptions, design: string): DesignPlan {
  const setup = resolveSetup(world, o);
  const protect: ProtectedMachine[] = [];
  const unprotected: Unprotected[] = [];
  for (const m of world.machines) {
    const reason = setup.ok ? machineRefusal(m, o, design) : setup.reason;
    if (reason === null) protect.push(m);
    else unprotected.push({ machine: m.path, reason });
  }
  const onTape = setup.ok && !holdsRepository(setup.setup.target);
  return onTape ? { protect, unprotected, pointsOn: 'tape' } : { protect, unprotected };
}
