/**
 * A validated scenario -> the engine's inputs: a WorldSpec (sim/world), the
 * designs for createDesign(kind, name, options) (strategies/index.ts), the
 * restore drills and tape copies (strategies/restore), and the sweep axes.
 * Only what the file says is passed on; the engine fills its own defaults.
 *
 *     const loaded = loadScenarioFile('scenarios/library/default.yaml');
 *     if (loaded.ok) { const c = compileScenario(loaded.scenario); simulateDesign(c.world, createDesign(...), ...) }
 */
import type { GuestBinding, WorldSpec } from '../sim/world/world-spec.js';
import type { EstateSpec, VmSpec, PhysicalServerSpec, TargetSpec, ProxySpec } from '../sim/estate/spec.js';
import type { WorkloadSpec } from '../sim/workload/workload-spec.js';
import type { ChangeProcessOptions } from '../sim/disk/change-config.js';
import type { RestoreDrill, PointChoice } from '../strategies/restore/index.js';
import { LARGEST_FILE, type FileChoice } from '../strategies/restore/drill.js';
import type { TapeCopySpec } from '../strategies/restore/tape-copy.js';
import type { FaultSpec } from '../strategies/restore/scheduled-faults.js';
import type { SimulateOptions } from '../strategies/run.js';
import { clean, compileDesign, type CompiledDesign } from './compile-designs.js';
import { expandScenario, type ExpandedVm, type Expansion, type MachineFields } from './expand.js';
import type { Scenario, VaryAxis } from './schema/index.js';
import { SCENARIO_DEFAULTS } from './schema/defaults.js';
import { DRILL_KIND_NAMES, type DrillInput, type FaultInput } from './schema/drills.js';
import type { ChangeInput, WorkloadInput } from './schema/guest.js';
import type { ProxyInput, TargetInput } from './schema/estate.js';
import { formatPath } from './schema/vary.js';

export interface CompiledScenario {
  name: string;
  title: string;
  description: string;
  claims: string[];
  seed: number | string;
  days: number;
  world: WorldSpec;
  designs: CompiledDesign[];
  drills: RestoreDrill[];
  tapeCopies: TapeCopySpec[];
  faults: FaultSpec[];
  vary: VaryAxis[];
}

export interface CompileOptions {
  /** Overrides the scenario's seed (a seed sweep). */
  seed?: number | string;
  /**
   * The scenario's expansion (expandScenario of this same scenario), when
   * the caller has it from validating the scenario (loadScenarioFile,
   * validateDocument): a 1,000-VM scenario is then not expanded twice.
   */
  expansion?: Expansion;
}

/** Compiles a scenario that loadScenarioFile/parseScenarioText validated; anything else is a programmer error and throws. */
export function compileScenario(s: Scenario, options: CompileOptions = {}): CompiledScenario {
  const x = options.expansion ?? expandScenario(s);
  if (x.issues.length > 0) throw new Error(`compileScenario: the scenario was not validated: ${formatPath(x.issues[0]!.path)}: ${x.issues[0]!.message}`);
  const seed = options.seed ?? s.seed ?? SCENARIO_DEFAULTS.seed;
  const hostNames = x.hosts.map((h) => h.name);
  const firstDatastore = (host: string) => s.datastores.find((d) => d.hosts === undefined || d.hosts.includes(host))!.name;
  const estate: EstateSpec = clean({
    hosts: x.hosts.map(({ name, spec: h }) =>
      clean({ name, cores: h.cores, clockGhz: h.clock, network: h.network, nicBytesPerSec: h.nic, storageLinkBytesPerSec: h.storageLink, cyclesPerIo: h.cyclesPerIo, ioLatencyMs: h.ioLatency, storageLinkLatencyMs: h.storageLinkLatency }),
    ),
    datastores: s.datastores.map((d) =>
      clean({ name: d.name, kind: d.kind, hosts: d.hosts ?? hostNames, bandwidthBytesPerSec: d.bandwidth, iops: d.iops, baseLatencyMs: d.latency, hardwareSnapshots: d.hardwareSnapshots, capacityBytes: d.capacity }),
    ),
    networks: s.networks?.map((n) => clean({ name: n.name, site: n.site, uplinkBytesPerSec: n.uplink, latencyMs: n.latency })),
    wanLinks: s.wanLinks?.map((w) => clean({ name: w.name, sites: w.sites, bandwidthBytesPerSec: w.bandwidth, latencyMs: w.latency })),
    proxies: s.proxies?.map(proxy),
    targets: s.targets?.map(target),
    vms: x.vms.length > 0 ? x.vms.map((vm) => vmSpec(vm, firstDatastore)) : undefined,
    physicalServers:
      x.servers.length > 0
        ? x.servers.map(({ name, spec: p }): PhysicalServerSpec =>
            clean({
              name,
              cores: p.cores,
              clockGhz: p.clock,
              network: p.network,
              nicBytesPerSec: p.nic,
              disk: clean({ sizeBytes: p.disk.size, bandwidthBytesPerSec: p.disk.bandwidth, iops: p.disk.iops, baseLatencyMs: p.disk.latency }),
              workload: workload(p.workload),
            }),
          )
        : undefined,
  });
  const guests = [
    ...x.vms.map((vm) => guest(vm.name, vm.fields, vm.fields.disks ?? [])),
    ...x.servers.map((p) => guest(p.name, p.spec, [p.spec.disk])),
  ].filter((g) => Object.keys(g).length > 1);
  const explicit = x.hosts.filter((h) => h.spec.platform !== undefined);
  const world: WorldSpec = clean({
    chunkSizeBytes: s.chunkSize,
    changeBatchSec: s.changeBatch,
    estate,
    hypervisors: explicit.length > 0 ? explicit.map((h) => ({ host: h.name, platform: h.platform })) : undefined,
    defaultPlatform: s.platform,
    guests: guests.length > 0 ? guests : undefined,
  });
  const drillInputs = s.drills ?? [];
  const faultInputs = s.faults ?? [];
  return {
    name: s.name,
    title: s.title ?? s.name,
    description: s.description ?? '',
    claims: s.claims ?? [],
    seed,
    days: s.days ?? SCENARIO_DEFAULTS.days,
    world,
    designs: s.designs.map(compileDesign),
    drills: drillInputs.map(drill),
    tapeCopies: (s.tapeCopies ?? []).map((c) => clean({ library: c.library, atSec: c.at, machines: c.machines, point: opt(c.point, point) })),
    faults: faultInputs.map(fault),
    vary: s.vary ?? [],
  };
}

const opt = <I, O>(v: I | undefined, f: (v: I) => O): O | undefined => (v === undefined ? undefined : f(v));

function proxy(p: ProxyInput): ProxySpec {
  const common = { name: p.name, taskSlots: p.taskSlots, memoryGib: opt(p.memory, (m) => m / 2 ** 30) };
  if (p.kind === 'virtual-appliance') return clean({ ...common, kind: p.kind, host: p.host, vcpus: p.vcpus });
  return clean({ ...common, kind: p.kind, cores: p.cores, clockGhz: p.clock, network: p.network, nicBytesPerSec: p.nic, storageLinkBytesPerSec: p.storageLink, sanDatastores: p.san });
}

function target(t: TargetInput): TargetSpec {
  const common = { name: t.name, network: t.network, nicBytesPerSec: t.nic };
  if (t.kind === 'disk') return clean({ ...common, kind: t.kind, bandwidthBytesPerSec: t.bandwidth, iops: t.iops, ioSizeBytes: t.ioSize, capacityBytes: t.capacity });
  if (t.kind === 'dedupe-appliance') {
    return clean({ ...common, kind: t.kind, cores: t.cores, clockGhz: t.clock, ingestCyclesPerByte: t.ingestCyclesPerByte, readCyclesPerByte: t.readCyclesPerByte, capacityBytes: t.capacity });
  }
  const d = t.drive;
  const drive = opt(d, (o) =>
    clean({ nativeBytesPerSec: o.native, minStreamBytesPerSec: o.minStream, cartridgeBytes: o.cartridge, bufferBytes: o.buffer, repositionSec: o.reposition, loadSec: o.load, locateSec: o.locate, rewindSec: o.rewind }),
  );
  return clean({ ...common, kind: 'tape-library', generation: t.generation, drives: t.drives, cartridges: t.cartridges, drive });
}

function vmSpec(vm: ExpandedVm, firstDatastore: (host: string) => string): VmSpec {
  const disks = (vm.fields.disks ?? []).map((d) => ({ datastore: d.datastore ?? firstDatastore(vm.host), sizeBytes: d.size }));
  return clean({ name: vm.name, host: vm.host, vcpus: vm.fields.vcpus, disks, workload: workload(vm.fields.workload) });
}

function workload(w: WorkloadInput | undefined): WorkloadSpec | 'idle' | undefined {
  if (w === undefined || w === 'idle') return w;
  return clean({
    readBytesPerSec: w.read,
    writeBytesPerSec: w.write,
    readIoSizeBytes: w.readIoSize,
    writeIoSizeBytes: w.writeIoSize,
    cpuDemandCores: w.cpu,
    profile: w.profile,
    hourlyJitterSigma: w.jitter,
    weight: w.weight,
  });
}

function change(c: ChangeInput): Omit<ChangeProcessOptions, 'name'> {
  if (typeof c === 'string') return { preset: c };
  return clean({ preset: c.preset, dailyChangeFraction: c.daily, hotSetFraction: c.hotSet, hotWriteShare: c.hotWriteShare, hotClusterChunks: c.hotClusterChunks, dailyGrowthFraction: c.growth, profile: c.profile });
}

type GuestFields = Pick<MachineFields, 'template' | 'tools' | 'apps' | 'memory' | 'changeTracking' | 'change'>;

function guest(machine: string, f: GuestFields, disks: readonly { appData?: number | undefined; change?: ChangeInput | undefined }[]): GuestBinding {
  const appData = disks.some((d) => d.appData !== undefined) ? disks.map((d) => d.appData ?? 0) : undefined;
  const changes = disks.map((d) => d.change ?? f.change);
  return clean({
    machine,
    template: f.template,
    tools: f.tools,
    applications: f.apps?.map((a) => (typeof a === 'string' ? { kind: a } : clean({ kind: a.kind, diskIndex: a.disk }))),
    appDataBytes: appData,
    change: changes.some((c) => c !== undefined) ? changes.map((c) => opt(c, change)) : undefined,
    memoryBytes: f.memory,
    changeTracking: f.changeTracking,
  });
}

function point(p: 'latest' | { atOrBefore: number }): PointChoice {
  return p === 'latest' ? p : { atOrBeforeSec: p.atOrBefore };
}

/**
 * `file: largest` stays LARGEST_FILE: the run looks the file up in its own
 * world's guest layout (strategies/restore/drill.ts), which the seed decides.
 */
function fileChoice(file: string | undefined): FileChoice | undefined {
  return file === 'largest' ? LARGEST_FILE : file;
}

function drill(d: DrillInput): RestoreDrill {
  return clean({
    kind: DRILL_KIND_NAMES[d.kind]!,
    machine: d.machine,
    atSec: d.at,
    point: opt(d.point, point),
    file: fileChoice(d.file),
    disk: d.disk,
    labMachines: d.labMachines,
    labRunSec: d.labRun,
    bootWaitSec: d.bootWait,
    validateIntegrity: d.validateIntegrity,
    from: d.from,
  });
}

/**
 * What a run of the compiled scenario is given (strategies/run.ts): its days,
 * drills, tape copies and faults, with the run's seed (default: the
 * scenario's). Every caller that runs a design of a scenario goes through
 * here, so a new per-run input reaches all of them.
 */
export function runOptions(c: CompiledScenario, seed: number | string = c.seed): SimulateOptions {
  return { seed, days: c.days, drills: c.drills, tapeCopies: c.tapeCopies, faults: c.faults };
}

function fault(f: FaultInput): FaultSpec {
  return clean({ kind: f.kind, machine: f.machine, atSec: f.at, point: opt(f.point, point), disk: f.disk, chunk: f.chunk, file: fileChoice(f.file) });
}
