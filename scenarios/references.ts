/**
 * Checks that need the whole scenario: names are unique, every reference
 * names something that exists (a VM's datastore, a proxy's SAN zoning, a
 * design's target, a drill's machine), and the estate fits the limits.
 * What a design or a platform cannot do is NOT checked here: the engine
 * reports it as an outcome of the run (unprotected, unsupported).
 */
import { PLATFORM_VERSIONS } from '../sim/platform/platform-versions.js';
import { WORLD_DEFAULTS } from '../sim/world/world-spec.js';
import { HOST_DEFAULTS, VM_DEFAULTS } from '../sim/estate/defaults.js';
import { OS_TEMPLATES } from '../sim/disk/os-templates.js';
import { formatBytes } from './schema/units.js';
import type { RawIssue } from './issues.js';
import type { Scenario } from './schema/index.js';
import { LIMITS, SCENARIO_DEFAULTS } from './schema/defaults.js';
import { didYouMean } from './schema/fields.js';
import type { ExpandedVm, Expansion } from './expand.js';
import type { PathStep } from './schema/vary.js';

type Refs = { names: ReadonlySet<string>; what: string };

export function checkReferences(s: Scenario, x: Expansion): RawIssue[] {
  const issues: RawIssue[] = [];
  const ref = (r: Refs, n: string, path: PathStep[]) => {
    if (!r.names.has(n)) issues.push({ code: 'unknown_reference', path, message: `no ${r.what} ${JSON.stringify(n)}${didYouMean(n, [...r.names])}` });
  };
  const unique = (list: readonly { name: string; path: PathStep[] }[], what: string) => {
    const seen = new Set<string>();
    for (const e of list) {
      if (seen.has(e.name)) issues.push({ code: 'duplicate_name', path: e.path, message: `${what} ${JSON.stringify(e.name)} is defined twice` });
      seen.add(e.name);
    }
    return { names: seen, what } as Refs;
  };
  const named = <T extends { name: string }>(list: readonly T[] | undefined, key: string) => (list ?? []).map((e, i) => ({ name: e.name, path: [key, i, 'name'] as PathStep[] }));

  const sites = unique(s.sites === undefined ? [{ name: SCENARIO_DEFAULTS.site, path: [] }] : named(s.sites, 'sites'), 'site');
  const networks = unique(named(s.networks, 'networks'), 'network');
  const hosts = unique(x.hosts.map((h) => ({ name: h.name, path: ['hosts', h.entry, 'name'] })), 'host');
  const datastores = unique(named(s.datastores, 'datastores'), 'datastore');
  const proxies = unique(named(s.proxies, 'proxies'), 'proxy');
  const targets = unique(named(s.targets, 'targets'), 'target');
  const machines = unique([...x.vms.map((v) => ({ name: v.name, path: ['fleets', v.fleet, 'name'] })), ...x.servers.map((p) => ({ name: p.name, path: ['physicalServers', p.entry, 'name'] }))], 'machine');
  unique(named(s.designs, 'designs'), 'design');
  unique(named(s.wanLinks, 'wanLinks'), 'WAN link');
  const network = (n: string | undefined, path: PathStep[]) => {
    if (n === undefined) return;
    if (s.networks === undefined) issues.push({ code: 'unknown_reference', path, message: `no network ${JSON.stringify(n)} (the scenario lists no networks)` });
    else ref(networks, n, path);
  };

  (s.networks ?? []).forEach((n, i) => n.site !== undefined && ref(sites, n.site, ['networks', i, 'site']));
  (s.wanLinks ?? []).forEach((w, i) => w.sites.forEach((site, k) => ref(sites, site, ['wanLinks', i, 'sites', k])));
  s.hosts.forEach((h, i) => network(h.network, ['hosts', i, 'network']));
  s.datastores.forEach((d, i) => {
    (d.hosts ?? []).forEach((h, k) => ref(hosts, h, ['datastores', i, 'hosts', k]));
    if (d.kind === 'local' && d.hosts?.length !== 1) issues.push({ code: 'invalid_value', path: ['datastores', i, d.hosts === undefined ? 'kind' : 'hosts'], message: 'a local datastore belongs to exactly one host: list it in hosts' });
  });
  const kinds = new Map(s.datastores.map((d) => [d.name, d.kind]));
  const coresOf = new Map(x.hosts.map((h) => [h.name, h.spec.cores ?? HOST_DEFAULTS.cores]));
  (s.proxies ?? []).forEach((p, i) => {
    if (p.kind === 'physical') {
      network(p.network, ['proxies', i, 'network']);
      (p.san ?? []).forEach((d, k) => {
        ref(datastores, d, ['proxies', i, 'san', k]);
        if (kinds.has(d) && kinds.get(d) !== 'san') issues.push({ code: 'conflict', path: ['proxies', i, 'san', k], message: `${d} is a ${kinds.get(d)} datastore, not a SAN one` });
      });
    } else {
      ref(hosts, p.host, ['proxies', i, 'host']);
      const cores = coresOf.get(p.host);
      if (p.vcpus !== undefined && cores !== undefined && p.vcpus > cores) issues.push({ code: 'conflict', path: ['proxies', i, 'vcpus'], message: `host ${p.host} has ${cores} cores` });
    }
  });
  (s.targets ?? []).forEach((t, i) => network(t.network, ['targets', i, 'network']));
  x.servers.forEach((p) => network(p.spec.network, ['physicalServers', p.entry, 'network']));
  s.physicalServers?.forEach((p, i) => {
    const problem = diskProblem(s, p.disk.size, p.template ?? WORLD_DEFAULTS.template, p.disk.appData ?? 0);
    if (problem !== null) issues.push({ code: 'too_small', path: ['physicalServers', i, 'disk', 'size'], message: problem });
  });
  checkVms(s, x, issues);
  checkChunks(s, x, issues);

  const targetKinds = new Map((s.targets ?? []).map((t) => [t.name, t.kind]));
  s.designs.forEach((d, i) => {
    const t = d.options?.target;
    if (t !== undefined) {
      ref(targets, t, ['designs', i, 'options', 'target']);
      // Only a proxy image design streams straight to tape (strategies/proxy-image/tape-job.ts); guest-side designs write to disk.
      if (targetKinds.get(t) === 'tape' && d.kind !== 'proxy-image') {
        issues.push({ code: 'conflict', path: ['designs', i, 'options', 'target'], message: `${t} is a tape library: ${d.kind} designs write to a disk or dedupe-appliance target (only proxy-image writes straight to tape; tape copies go in tapeCopies)` });
      }
    }
    if (d.kind === 'proxy-image') (d.options?.proxies ?? []).forEach((p, k) => ref(proxies, p, ['designs', i, 'options', 'proxies', k]));
  });
  // Machines of a fleet that could not be expanded are missing: naming them is not the file's mistake.
  const machine = (n: string, path: PathStep[]) => x.complete && ref(machines, n, path);
  (s.drills ?? []).forEach((d, i) => {
    machine(d.machine, ['drills', i, 'machine']);
    (d.labMachines ?? []).forEach((m, k) => machine(m, ['drills', i, 'labMachines', k]));
    atInRun(s, d.at, ['drills', i, 'at'], issues);
  });
  (s.faults ?? []).forEach((f, i) => {
    machine(f.machine, ['faults', i, 'machine']);
    atInRun(s, f.at, ['faults', i, 'at'], issues);
    if (f.file !== undefined && (f.disk !== undefined || f.chunk !== undefined)) {
      issues.push({ code: 'conflict', path: ['faults', i, 'file'], message: 'name the block by file, or by disk and chunk, not both' });
    }
  });
  (s.tapeCopies ?? []).forEach((c, i) => {
    ref(targets, c.library, ['tapeCopies', i, 'library']);
    if (targetKinds.has(c.library) && targetKinds.get(c.library) !== 'tape') issues.push({ code: 'conflict', path: ['tapeCopies', i, 'library'], message: `${c.library} is not a tape target` });
    (c.machines ?? []).forEach((m, k) => machine(m, ['tapeCopies', i, 'machines', k]));
    atInRun(s, c.at, ['tapeCopies', i, 'at'], issues);
  });
  return issues;
}

function atInRun(s: Scenario, atSec: number, path: PathStep[], issues: RawIssue[]): void {
  const days = s.days ?? SCENARIO_DEFAULTS.days;
  if (atSec >= days * 86_400) issues.push({ code: 'too_big', path, message: `is after the end of the run (days: ${days})` });
}

/**
 * Per VM: disks given, each on a datastore its host sees; app disks exist;
 * tracking kind offered by its platform. Reported once per fleet. A path is
 * built only for an issue (most VMs have none): this runs for each of a
 * 1,000-VM scenario's machines in a command's cold code, where every
 * per-VM array and closure counts.
 */
function checkVms(s: Scenario, x: Expansion, issues: RawIssue[]): void {
  const sees = new Map(s.datastores.map((d) => [d.name, d.hosts === undefined ? null : new Set(d.hosts)]));
  const platformOf = new Map(x.hosts.map((h) => [h.name, h.platform]));
  const coresOf = new Map(x.hosts.map((h) => [h.name, h.spec.cores ?? HOST_DEFAULTS.cores]));
  const reported = new Set<string>();
  const once = (issue: RawIssue) => {
    const key = `${issue.path.join('/')}|${issue.message}`;
    if (!reported.has(key)) issues.push(issue);
    reported.add(key);
  };
  for (const vm of x.vms) {
    const disks = vm.fields.disks;
    if (disks === undefined) {
      once({ code: 'missing', path: [...disksOwner(s, vm), 'disks'], message: 'is required (on the fleet or on every variant)' });
      continue;
    }
    let anyDatastore = false;
    for (let k = 0; k < disks.length; k++) {
      const d = disks[k]!;
      if (d.datastore === undefined) continue;
      anyDatastore = true;
      const seen = sees.get(d.datastore);
      if (!sees.has(d.datastore)) once({ code: 'unknown_reference', path: [...disksOwner(s, vm), 'disks', k, 'datastore'], message: `no datastore ${JSON.stringify(d.datastore)}${didYouMean(d.datastore, [...sees.keys()])}` });
      else if (seen !== null && seen !== undefined && !seen.has(vm.host)) once({ code: 'conflict', path: [...disksOwner(s, vm), 'disks', k, 'datastore'], message: `host ${vm.host} (of VM ${vm.name}) does not see datastore ${d.datastore}` });
    }
    if (!anyDatastore && !s.datastores.some((d) => d.hosts === undefined || d.hosts.includes(vm.host))) {
      once({ code: 'unknown_reference', path: [...disksOwner(s, vm), 'disks'], message: `host ${vm.host} (of VM ${vm.name}) sees no datastore` });
    }
    for (let k = 0; k < disks.length; k++) {
      const d = disks[k]!;
      const problem = diskProblem(s, d.size, k === 0 ? (vm.fields.template ?? WORLD_DEFAULTS.template) : undefined, d.appData ?? 0);
      if (problem !== null) once({ code: 'too_small', path: [...disksOwner(s, vm), 'disks', k, 'size'], message: problem });
    }
    const apps = vm.fields.apps ?? [];
    for (let k = 0; k < apps.length; k++) {
      const a = apps[k]!;
      if (typeof a !== 'string' && a.disk !== undefined && a.disk >= disks.length) once({ code: 'invalid_value', path: ['fleets', vm.fleet, 'apps', k, 'disk'], message: `VM ${vm.name} has ${disks.length} disk(s)` });
    }
    const cores = coresOf.get(vm.host) ?? HOST_DEFAULTS.cores;
    if ((vm.fields.vcpus ?? VM_DEFAULTS.vcpus) > cores) once({ code: 'conflict', path: ['fleets', vm.fleet, 'vcpus'], message: `host ${vm.host} (of VM ${vm.name}) has ${cores} cores` });
    const tracking = vm.fields.changeTracking;
    const platform = platformOf.get(vm.host) ?? s.platform ?? WORLD_DEFAULTS.defaultPlatform;
    const offered = PLATFORM_VERSIONS[platform as keyof typeof PLATFORM_VERSIONS]?.changeTracking as readonly string[] | undefined;
    if (tracking !== undefined && offered !== undefined && !offered.includes(tracking)) {
      once({ code: 'conflict', path: ['fleets', vm.fleet, 'changeTracking'], message: `${platform} offers ${offered.length === 0 ? 'no change tracking' : offered.join(', ')}, not ${tracking}` });
    }
  }
}

/** Where a VM's disks are written: its variant, when the variant lists disks, else its fleet. */
function disksOwner(s: Scenario, vm: ExpandedVm): PathStep[] {
  return vm.variant !== null && s.fleets![vm.fleet]!.variants![vm.variant]!.disks !== undefined ? ['fleets', vm.fleet, 'variants', vm.variant] : ['fleets', vm.fleet];
}

/** Why a disk of this size cannot hold its template image and application data in whole chunks, or null. */
function diskProblem(s: Scenario, sizeBytes: number, template: string | undefined, appDataBytes: number): string | null {
  const chunk = s.chunkSize ?? WORLD_DEFAULTS.chunkSizeBytes;
  if (sizeBytes % chunk !== 0) return `must be a whole number of ${formatBytes(chunk)} chunks (chunkSize), got ${formatBytes(sizeBytes)}`;
  const image = template === undefined ? 0 : (OS_TEMPLATES[template as keyof typeof OS_TEMPLATES]?.imageSizeBytes ?? 0);
  if (Math.ceil(image / chunk) + Math.ceil(appDataBytes / chunk) <= sizeBytes / chunk) return null;
  const what = [image > 0 ? `the ${template} image (${formatBytes(image)})` : '', appDataBytes > 0 ? `${formatBytes(appDataBytes)} of application data` : ''].filter((x) => x !== '').join(' and ');
  return `must hold ${what}, got ${formatBytes(sizeBytes)}`;
}

function checkChunks(s: Scenario, x: Expansion, issues: RawIssue[]): void {
  const chunk = s.chunkSize ?? WORLD_DEFAULTS.chunkSizeBytes;
  let bytes = 0;
  for (const vm of x.vms) for (const d of vm.fields.disks ?? []) bytes += d.size;
  for (const p of x.servers) bytes += p.spec.disk.size;
  const chunks = Math.ceil(bytes / chunk);
  if (chunks > LIMITS.estateChunks) issues.push({ code: 'too_big', path: s.chunkSize === undefined ? [] : ['chunkSize'], message: `the estate's disks make ${chunks.toExponential(2)} chunks, at most ${LIMITS.estateChunks.toExponential(0)}: use fewer or smaller disks, or a larger chunkSize` });
}
