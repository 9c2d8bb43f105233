/**
 * Builds a World from a WorldSpec, validating everything before the run:
 * unknown hosts, machines, platforms, templates, tools or applications are
 * ConfigErrors naming the component, the value and the rule.
 */
import { ConfigError, requirePositive } from '../engine/errors.js';
import type { Simulation } from '../engine/simulation.js';
import { ContentSpace } from '../disk/content-space.js';
import { TemplatePool } from '../disk/template-pool.js';
import { buildEstate } from '../estate/estate.js';
import type { PhysicalServer } from '../estate/physical-server.js';
import type { Vm } from '../estate/vm.js';
import { buildGuest, type GuestSpec } from '../guest/build-guest.js';
import { GUEST_TOOLS } from '../guest/guest-tools.js';
import { createPlatform, type HypervisorPlatform } from '../platform/platform.js';
import { requirePlatformVersions } from '../platform/platform-versions.js';
import type { SnapshotStorage } from '../snapshot/storage-io.js';
import { World, type ProtectedMachine } from './world.js';
import { WORLD_DEFAULTS, type GuestBinding, type WorldSpec } from './world-spec.js';

export function buildWorld(sim: Simulation, spec: WorldSpec): World {
  const chunkSizeBytes = requirePositive('world', 'chunkSizeBytes', spec.chunkSizeBytes ?? WORLD_DEFAULTS.chunkSizeBytes);
  const changeBatchSec = requirePositive('world', 'changeBatchSec', spec.changeBatchSec ?? WORLD_DEFAULTS.changeBatchSec);
  const platformOf = hostPlatforms(spec);
  const guests = guestBindings(spec);
  const estate = buildEstate(sim, spec.estate);
  for (const [host] of platformOf) estate.host(host); // throws on an unknown host
  const space = new ContentSpace(chunkSizeBytes);
  const pool = new TemplatePool(space);
  const platforms = new Map<string, HypervisorPlatform>();
  const platform = (version: string): HypervisorPlatform => {
    let p = platforms.get(version);
    if (p === undefined) {
      p = createPlatform(sim, version);
      platforms.set(version, p);
    }
    return p;
  };
  const machines: ProtectedMachine[] = [];
  for (const vm of estate.vms) {
    const version = platformOf.get(vm.host.name) ?? spec.defaultPlatform ?? WORLD_DEFAULTS.defaultPlatform;
    machines.push(bindMachine(sim, vm, vm.disks.map((d) => d.datastore), platform(version), guests.get(vm.name), { space, pool }));
  }
  for (const ps of estate.physicalServers) {
    machines.push(bindMachine(sim, ps, [ps.disk], platform('physical'), guests.get(ps.name), { space, pool }));
  }
  const machineNames = new Set<string>();
  for (const m of machines) machineNames.add(m.name);
  for (const name of guests.keys()) {
    if (!machineNames.has(name)) throw new ConfigError(`guest/${name}`, 'machine', name, 'name a VM or physical server of the estate');
  }
  return new World(sim, estate, space, pool, machines, [...platforms.values()], chunkSizeBytes, changeBatchSec);
}

function hostPlatforms(spec: WorldSpec): Map<string, string> {
  const out = new Map<string, string>();
  const check = (component: string, version: string): void => void requirePlatformVersions(component, 'platform', [version]);
  if (spec.defaultPlatform !== undefined) check('world', spec.defaultPlatform);
  for (const h of spec.hypervisors ?? []) {
    check(`host/${h.host}`, h.platform);
    if (h.platform === 'physical') throw new ConfigError(`host/${h.host}`, 'platform', h.platform, 'be a hypervisor (physical servers are listed as physicalServers)');
    if (out.has(h.host)) throw new ConfigError(`host/${h.host}`, 'platform', h.platform, 'be given once per host');
    out.set(h.host, h.platform);
  }
  return out;
}

function guestBindings(spec: WorldSpec): Map<string, GuestBinding> {
  const out = new Map<string, GuestBinding>();
  for (const g of spec.guests ?? []) {
    if (out.has(g.machine)) throw new ConfigError(`guest/${g.machine}`, 'machine', g.machine, 'be bound once');
    out.set(g.machine, g);
  }
  return out;
}

interface ContentContext {
  space: ContentSpace;
  pool: TemplatePool;
}

function bindMachine(
  sim: Simulation,
  machine: Vm | PhysicalServer,
  storage: readonly SnapshotStorage[],
  platform: HypervisorPlatform,
  binding: GuestBinding | undefined,
  content: ContentContext,
): ProtectedMachine {
  // A guest disk is a whole number of chunks: an estate size that is not
  // (40 GB at 4 MiB chunks) is rounded up, as a hypervisor allocates whole blocks.
  const chunk = content.space.chunkSizeBytes;
  const estateSizes = machine.kind === 'vm' ? machine.disks.map((d) => d.sizeBytes) : [machine.disk.sizeBytes];
  const sizes = estateSizes.map((b) => Math.ceil(b / chunk) * chunk);
  const guestSpec: GuestSpec = {
    name: machine.name,
    template: binding?.template ?? WORLD_DEFAULTS.template,
    tools: binding?.tools ?? defaultTools(platform),
    applications: binding?.applications?.map((a) => ({ ...a })),
    disks: sizes.map((provisionedBytes, i) => ({
      provisionedBytes,
      appDataBytes: binding?.appDataBytes?.[i],
      change: binding?.change?.[i],
    })),
  };
  const guest = buildGuest(guestSpec, { space: content.space, pool: content.pool, streams: sim.random });
  const platformVm = platform.attach({
    guest,
    storage,
    memoryBytes: binding?.memoryBytes,
    changeTracking: binding?.changeTracking,
  });
  return {
    name: machine.name,
    path: machine.path,
    kind: machine.kind,
    estate: machine,
    host: machine.kind === 'vm' ? machine.host : null,
    storage,
    guest,
    platform,
    platformVm,
  };
}

/** The guest tools of the machine's hypervisor, or none without one. */
function defaultTools(platform: HypervisorPlatform): string {
  const family = platform.capabilities.toolsPlatform;
  if (family === null) return 'none';
  for (const [name, tools] of Object.entries(GUEST_TOOLS)) if (tools.platform === family) return name;
  return 'none';
}

