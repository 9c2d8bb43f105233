/**
 * Hypervisor-level image backup through a backup proxy (DOMAIN.md, family 3):
 * the design's capabilities as data, its plan, and `start`, which builds the
 * job environment (central limits, throttle, holding areas, routes to the
 * target: a repository, or a tape library it streams to) and starts the
 * nightly dispatcher.
 */
import { PLATFORM_VERSION_NAMES, platformCapabilities } from '../../sim/platform/platform-versions.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import type { Hop } from '../../sim/flow/network.js';
import type { BackupDesign, DesignCapabilities, DesignContext, DesignFactory, DesignPlan } from '../protocol.js';
import { DEDUPE_PLACEMENTS } from '../../sim/repository/index.js';
import { dispatchNights } from './dispatcher.js';
import type { MachineState, ProxyJobEnv } from './env.js';
import { HoldingAreas } from './holding-areas.js';
import { CentralLimits } from './limits.js';
import { resolveProxyImageOptions, type ProxyImageOptions, type ResolvedProxyImageOptions } from './options.js';
import { planProxyImage, resolveSetup } from './plan.js';
import { ReadRouteCache } from './read-route-cache.js';
import { Throttle } from './throttle.js';
import { holdsRepository } from '../runner/bind-repositories.js';
import { TapeCatalog } from '../restore/tape-catalog.js';

/** Platforms with an image snapshot API (read from their capabilities, never listed by name). */
const IMAGE_PLATFORMS = PLATFORM_VERSION_NAMES.filter((v) => platformCapabilities(v).defaultSnapshotKind !== null);

export const PROXY_IMAGE_CAPABILITIES: DesignCapabilities = {
  family: 'proxy-image',
  platforms: IMAGE_PLATFORMS,
  targets: ['disk', 'dedupe-appliance', 'tape'],
  dedupe: DEDUPE_PLACEMENTS,
  restores: ['vm', 'disk', 'file', 'instant-recovery', 'virtual-lab', 'verification'],
  consistency: 'guest-tools',
};

/** A product limited to some platforms (the `platforms` option) declares only those. */
function capabilitiesOf(o: ResolvedProxyImageOptions): DesignCapabilities {
  const only = o.platforms;
  return only === null ? PROXY_IMAGE_CAPABILITIES : { ...PROXY_IMAGE_CAPABILITIES, platforms: IMAGE_PLATFORMS.filter((p) => only.includes(p)) };
}

export const proxyImageDesign: DesignFactory<ProxyImageOptions> = (name, options = {}) => {
  const o = resolveProxyImageOptions(name, options);
  return {
    name,
    capabilities: capabilitiesOf(o),
    plan: (world) => planProxyImage(world, o, name),
    start(ctx: DesignContext, plan: DesignPlan): void {
      if (plan.protect.length === 0) return;
      const world = ctx.world;
      const setup = resolveSetup(world, o);
      if (!setup.ok) return; // plan() put every machine in `unprotected` with this reason
      const toTarget = new Map<Proxy, Hop[]>();
      for (const p of setup.setup.proxies) toTarget.set(p, world.estate.networkPath(p.attachment, setup.setup.target.attachment).hops);
      const machines = new Map<string, MachineState>();
      for (const m of plan.protect) machines.set(m.path, { changeIds: null, running: false, lastTape: null });
      const target = setup.setup.target;
      const onTape = !holdsRepository(target);
      const env: ProxyJobEnv = {
        sim: world.sim,
        world,
        design: name,
        ctx,
        options: o,
        repo: onTape ? null : ctx.repository(target.name),
        tape: onTape ? { library: world.estate.tapeLibrary(target.name), catalog: ctx.tape ?? new TapeCatalog() } : null,
        setup: setup.setup,
        limits: new CentralLimits(world.sim, name, o.limits, world.estate.datastores),
        throttle: o.throttle === null ? null : new Throttle(world.sim, o.throttle, world.estate),
        holding: new HoldingAreas(world.sim, o.holdingArea, world.chunkSizeBytes),
        toTarget,
        readRoutes: new ReadRouteCache(world.estate, world.chunkSizeBytes),
        machines,
        openPlans: 0,
      };
      world.sim.process(`design/${name}/dispatcher`, dispatchNights(env, plan.protect));
    },
  } satisfies BackupDesign;
};
