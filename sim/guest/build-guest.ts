/**
 * Builds a guest from its spec before a run, validating every name against
 * the catalogs (templates, OS families, tools, applications) so bad input
 * fails as a ConfigError naming the component, value and rule.
 *
 * Disk 0 holds the OS template; every disk may carry application data.
 * Random streams are `vm/<name>/disk/<i>/changes` and `vm/<name>/files`, so
 * adding a guest never changes another's draws.
 */
import { ConfigError, requirePositive } from '../engine/errors.js';
import type { RandomStreams } from '../engine/random.js';
import { ChangeProcess } from '../disk/change-process.js';
import type { ChangeProcessOptions } from '../disk/change-config.js';
import { requireKnown, requireOneOf } from '../disk/config-checks.js';
import type { ContentSpace } from '../disk/content-space.js';
import { OS_FAMILIES, type OsFamily, type OsTemplateSpec } from '../disk/os-templates.js';
import type { TemplatePool } from '../disk/template-pool.js';
import { MIB } from '../disk/units.js';
import type { ChunkWriter, Provisioning } from '../disk/virtual-disk.js';
import { buildVmDisk, type VmDiskLayout } from '../disk/vm-disk.js';
import { AppInstance } from './app-instance.js';
import { APPLICATIONS, type ApplicationSpec } from './applications.js';
import { GuestFilesystem, layoutFiles } from './filesystem.js';
import { Guest } from './guest.js';
import { GUEST_TOOLS, type GuestToolsSpec } from './guest-tools.js';

export interface GuestDiskSpec {
  provisionedBytes: number;
  appDataBytes?: number;
  provisioning?: Provisioning;
  /** Overrides of the disk's change process (its preset defaults from the disk's application). */
  change?: Omit<ChangeProcessOptions, 'name'>;
}

export interface GuestSpec {
  /** VM name; components are `vm/<name>/...`. */
  name: string;
  template: string;
  /** Optional cross-check: must match the template's OS family. */
  osFamily?: string;
  /** Installed guest tools, or 'none' (default). */
  tools?: string;
  applications?: { kind: string; diskIndex?: number }[];
  /** Disk 0 receives the OS template. */
  disks: GuestDiskSpec[];
  /** Mean size of laid-out files (default 64 MiB). */
  meanFileBytes?: number;
}

export interface GuestBuildContext {
  pool: TemplatePool;
  space: ContentSpace;
  streams: RandomStreams;
}

export function buildGuest(spec: GuestSpec, ctx: GuestBuildContext): Guest {
  const c = `vm/${spec.name}`;
  if (typeof spec.name !== 'string' || spec.name.length === 0) throw new ConfigError('vm', 'name', spec.name, 'be a non-empty string');
  const template: OsTemplateSpec = ctx.pool.spec(spec.template, c);
  if (spec.osFamily !== undefined) requireOneOf(c, 'osFamily', OS_FAMILIES, spec.osFamily);
  if (spec.osFamily !== undefined && spec.osFamily !== template.osFamily) {
    throw new ConfigError(c, 'osFamily', spec.osFamily, `match template ${spec.template} (${template.osFamily})`);
  }
  const tools = spec.tools === undefined || spec.tools === 'none' ? undefined : requireKnown<GuestToolsSpec>(c, 'tools', GUEST_TOOLS, spec.tools);
  if (!Array.isArray(spec.disks) || spec.disks.length === 0) throw new ConfigError(c, 'disks', spec.disks, 'list at least one disk');
  if (spec.meanFileBytes !== undefined) requirePositive(c, 'meanFileBytes', spec.meanFileBytes);
  const appByDisk = resolveApps(c, spec, template.osFamily);
  const built = spec.disks.map((d, i) =>
    buildVmDisk(
      {
        name: `${c}/disk/${i}`,
        provisionedBytes: d.provisionedBytes,
        ...(i === 0 ? { template: spec.template } : {}),
        ...(d.appDataBytes !== undefined ? { appDataBytes: d.appDataBytes } : {}),
        ...(d.provisioning !== undefined ? { provisioning: d.provisioning } : {}),
      },
      ctx.pool,
      ctx.space,
    ),
  );
  const disks = built.map((b) => b.disk);
  const filesystem = new GuestFilesystem(c, disks);
  layoutGuestFiles(spec, template.osFamily, built, filesystem, ctx);
  const apps: AppInstance[] = [];
  const writers: ChunkWriter[] = [];
  const processes = disks.map((disk, i) => {
    const app = appByDisk.get(i);
    const instance = app === undefined ? undefined : new AppInstance(app.kind, app.spec, disk, i);
    if (instance !== undefined) apps.push(instance);
    writers.push(instance ?? disk);
    const options: ChangeProcessOptions = { preset: app?.spec.changePreset ?? 'typical', ...spec.disks[i]!.change, name: `${c}/disk/${i}/changes` };
    return new ChangeProcess(disk, ctx.space, ctx.streams.stream(options.name), options);
  });
  return new Guest(spec.name, template.osFamily, spec.template, tools, disks, built.map((b) => b.layout), apps, filesystem, processes, writers);
}

function resolveApps(c: string, spec: GuestSpec, osFamily: OsFamily): Map<number, { kind: string; spec: ApplicationSpec }> {
  const byDisk = new Map<number, { kind: string; spec: ApplicationSpec }>();
  for (const [k, a] of (spec.applications ?? []).entries()) {
    const appSpec = requireKnown<ApplicationSpec>(c, `applications[${k}].kind`, APPLICATIONS, a.kind);
    if (!appSpec.osFamilies.includes(osFamily)) {
      throw new ConfigError(c, `applications[${k}].kind`, a.kind, `run on ${osFamily} (it runs on ${appSpec.osFamilies.join(', ')})`);
    }
    const diskIndex = a.diskIndex ?? spec.disks.length - 1;
    if (!Number.isInteger(diskIndex) || diskIndex < 0 || diskIndex >= spec.disks.length) {
      throw new ConfigError(c, `applications[${k}].diskIndex`, a.diskIndex, `be in [0, ${spec.disks.length})`);
    }
    if (byDisk.has(diskIndex)) throw new ConfigError(c, `applications[${k}].diskIndex`, diskIndex, 'not hold a second application');
    byDisk.set(diskIndex, { kind: a.kind, spec: appSpec });
  }
  return byDisk;
}

function layoutGuestFiles(
  spec: GuestSpec,
  osFamily: OsFamily,
  built: readonly { layout: VmDiskLayout }[],
  fs: GuestFilesystem,
  ctx: GuestBuildContext,
): void {
  // The stream is taken now, so the set of issued streams does not depend on
  // whether (or when) the files are ever looked at.
  const random = ctx.streams.stream(`vm/${spec.name}/files`);
  const chunkSizeBytes = ctx.space.chunkSizeBytes;
  const meanFileChunks = Math.max(1, Math.round((spec.meanFileBytes ?? 64 * MIB) / chunkSizeBytes));
  const roots = osFamily === 'windows' ? (i: number) => `${String.fromCharCode(67 + i)}:\\` : (i: number) => (i === 0 ? '/' : `/data${i}/`);
  fs.deferLayout(() => built.forEach(({ layout }, i) => {
    const common = { diskIndex: i, chunkSizeBytes, meanFileChunks, random };
    if (layout.image.chunkCount > 0) layoutFiles(fs, { ...common, region: layout.image, pathPrefix: `${roots(i)}os${osFamily === 'windows' ? '\\' : '/'}f` });
    if (layout.appData.chunkCount > 0) layoutFiles(fs, { ...common, region: layout.appData, pathPrefix: `${roots(i)}data${osFamily === 'windows' ? '\\' : '/'}f` });
  }));
}
