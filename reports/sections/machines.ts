/**
 * Which platform and application each machine has, read from the results
 * file's normalised scenario. Two shapes are understood: a compiled world
 * (`world.estate.vms`, `world.guests`, `world.defaultPlatform`) and a scenario
 * document (`platform`, `vms`, `physicalServers`, and `fleets` whose variants
 * name their `apps`; a fleet machine is matched to the variant its name starts
 * with, or for a fleet without variants, to the fixed prefix of its name pattern). It is read tolerantly, as plain JSON: anything missing leaves the
 * platform or application `unknown`, never an error.
 */
export interface MachineProfile {
  platform: string;
  application: string;
}

/** Machine path (`vm/<name>`, `physical/<name>`) to its profile. */
export type ProfileLookup = (machine: string) => MachineProfile;

type Json = Record<string, unknown>;

const obj = (x: unknown): Json | null => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : null);
const arr = (x: unknown): Json[] => (Array.isArray(x) ? x.map(obj).filter((o): o is Json => o !== null) : []);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);

function appsOf(o: Json): string | null {
  const kinds = [...arr(o.applications).map((a) => str(a.kind)), ...(Array.isArray(o.apps) ? o.apps.map(str) : [])].filter((k): k is string => k !== null);
  return kinds.length > 0 ? kinds.join(' + ') : null;
}

interface Variant {
  name: string;
  platform: string;
  application: string;
}

function fromWorld(world: Json, known: Map<string, MachineProfile>): void {
  const estate = obj(world.estate);
  const fallback = str(world.defaultPlatform) ?? 'unknown';
  const hostPlatform = new Map(arr(estate?.hosts).map((h) => [str(h.name) ?? '', str(h.platform) ?? fallback]));
  const apps = new Map(arr(world.guests).map((g) => [str(g.machine) ?? '', appsOf(g) ?? 'no application']));
  for (const vm of arr(estate?.vms)) {
    const name = str(vm.name);
    if (name !== null) known.set(`vm/${name}`, { platform: str(vm.platform) ?? hostPlatform.get(str(vm.host) ?? '') ?? fallback, application: apps.get(name) ?? 'unknown' });
  }
  for (const p of arr(estate?.physicalServers)) {
    const name = str(p.name);
    if (name !== null) known.set(`physical/${name}`, { platform: 'physical', application: apps.get(name) ?? 'unknown' });
  }
}

function fromDocument(doc: Json, known: Map<string, MachineProfile>): Variant[] {
  const platform = str(doc.platform) ?? 'unknown';
  for (const vm of arr(doc.vms)) {
    const name = str(vm.name);
    if (name !== null) known.set(`vm/${name}`, { platform: str(vm.platform) ?? platform, application: appsOf(vm) ?? 'no application' });
  }
  for (const p of arr(doc.physicalServers)) {
    const name = str(p.name);
    if (name !== null) known.set(`physical/${name}`, { platform: 'physical', application: appsOf(p) ?? 'no application' });
  }
  return arr(doc.fleets).flatMap((f) => {
    const fleetPlatform = str(f.platform) ?? platform;
    const variants = arr(f.variants);
    if (variants.length === 0) {
      // A fleet of one kind (`app-{i:2}`): its machines start with the name pattern's fixed prefix.
      const prefix = (str(f.name) ?? '').split('{')[0]!.replace(/-$/, '');
      return prefix === '' ? [] : [{ name: prefix, platform: fleetPlatform, application: appsOf(f) ?? 'no application' }];
    }
    return variants.flatMap((v) => {
      const name = str(v.name);
      return name === null ? [] : [{ name, platform: str(v.platform) ?? fleetPlatform, application: appsOf(v) ?? appsOf(f) ?? 'no application' }];
    });
  });
}

export function machineProfiles(normalised: unknown): ProfileLookup {
  const known = new Map<string, MachineProfile>();
  const root = obj(normalised);
  const world = obj(root?.world);
  let variants: Variant[] = [];
  if (world !== null) fromWorld(world, known);
  else if (root !== null) variants = fromDocument(root, known);
  return (machine) => {
    const hit = known.get(machine);
    if (hit !== undefined) return hit;
    const physical = machine.startsWith('physical/');
    const short = machine.slice(machine.indexOf('/') + 1);
    const v = physical ? undefined : variants.find((x) => short.startsWith(`${x.name}-`));
    if (v !== undefined) return { platform: v.platform, application: v.application };
    return { platform: physical ? 'physical' : 'unknown', application: 'unknown' };
  };
}
