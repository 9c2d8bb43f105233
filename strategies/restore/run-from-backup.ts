/**
 * A VM running straight from its backup: what instant recovery, the virtual
 * lab and automated verification have in common (DOMAIN.md, recovery
 * options; Veeam vPower).
 *
 * 1. Publish: the platform mounts the restore point as a datastore
 *    (`publishAsDatastore`: NFS on vSphere, SMB3 on Hyper-V); a platform
 *    that cannot is an 'unsupported' outcome. The datastore's read route is
 *    the target's random-read route (read-route.ts): every guest read
 *    fetches, decompresses, and on a deduplicating appliance rehydrates, a
 *    whole stored block, then crosses the network to the host.
 * 2. Boot: the guest reads its boot working set through that route.
 * 3. Run: the guest's workload (its demand at the hour the run starts) is
 *    one demand-capped flow whose reads take the random-read route and
 *    whose writes go to a redo log on the repository (the target's ingest
 *    hops; Veeam's default keeps instant-recovery writes in a cache beside
 *    the backup, never in it). What the flow gets against what it asked is
 *    how well the VM is served from the backup: slower still on a
 *    deduplicating appliance.
 */
import { joinHops, ioCpuHops } from '../../sim/estate/hops.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Flow, Hop } from '../../sim/flow/network.js';
import { MIB } from '../../sim/disk/units.js';
import { hourIndexAt, iosPerByte, WORKLOAD_DEFAULTS } from '../../sim/workload/index.js';
import type { ProtectedMachine, World } from '../../sim/world/world.js';
import type { Located } from './locate.js';
import { machineAttachment } from './production-route.js';
import { randomReadFactor, scaleHops, shapeOf, type ReadShape } from './read-route.js';
import type { RestoreDraft, RunFromBackup } from './report.js';

/**
 * Assumed: a server OS reads a few hundred MiB to boot (kernel, drivers,
 * services); 256 MiB stands for it. DOMAIN.md gives no figure.
 */
export const BOOT_READ_BYTES = 256 * MIB;

export type Boot = { ok: true; publishedSec: number; bootedSec: number } | { ok: false; reason: string };

/** Random reads of the point in I/Os of `ioSizeBytes`, from the target to the machine's host. */
export function backupReadRoute(world: World, m: ProtectedMachine, at: Located, ioSizeBytes: number): Hop[] {
  const shape = pointShape(at);
  return joinHops(scaleHops(at.repo.readHops(), randomReadFactor(shape, ioSizeBytes)), world.estate.networkPath(at.repo.target.attachment, machineAttachment(m)).hops);
}

const shapes = new WeakMap<Located, ReadShape>();

/** The whole point's shape (every disk), from its read locality (computed once per located point). */
export function pointShape(at: Located): ReadShape {
  let shape = shapes.get(at);
  if (shape === undefined) {
    const l = at.repo.repository.readLocality(at.point.id);
    shape = l === undefined ? { logicalBytes: 0, physicalBytes: 0, blocks: 0, runs: 0 } : shapeOf(l);
    shapes.set(at, shape);
  }
  return shape;
}

/** Application read size of the machine's workload (the workload default when it has none). */
export function readIoSizeOf(m: ProtectedMachine): number {
  return m.estate.workload?.readIoSizeBytes ?? WORKLOAD_DEFAULTS.readIoSizeBytes;
}

/** Publishes the point as a datastore on the machine's platform, then boots the guest from it. */
export function* publishAndBoot(m: ProtectedMachine, at: Located, draft: RestoreDraft, route: readonly Hop[]): ProcessBody<Boot> {
  const images = at.images.images.map((im) => im!);
  const published = yield* m.platform.publishAsDatastore({ name: `${m.name}@${at.point.timeSec}`, images, readHops: route });
  if (published.kind !== 'published') return { ok: false, reason: published.reason };
  const publishedSec = published.datastore.publishedAtSec;
  draft.notes.push(`published as ${published.datastore.protocol} datastore ${published.datastore.path}`);
  const bootBytes = Math.min(BOOT_READ_BYTES, at.point.logicalBytes);
  draft.bytesRead += bootBytes * randomReadFactor(pointShape(at), readIoSizeOf(m));
  yield draft.transfer('boot', bootBytes, joinHops(published.datastore.readHops, hostIoCpu(m, readIoSizeOf(m))));
  return { ok: true, publishedSec, bootedSec: draft.now };
}

/** Hypervisor CPU per guest I/O of `ioSizeBytes` on the machine's host (none without a host). */
function hostIoCpu(m: ProtectedMachine, ioSizeBytes: number): Hop[] {
  return m.host === null ? [] : ioCpuHops(m.host.cpu, m.host.cyclesPerIo, 1 / ioSizeBytes);
}

/** The guest's workload served from the backup (see the header); null when the machine has no workload. */
export function startBackupIo(m: ProtectedMachine, at: Located, draft: RestoreDraft, readRoute: readonly Hop[]): BackupIo | null {
  const wl = m.estate.workload;
  if (wl === null || wl.ioBytesPerSec <= 0 || m.host === null) return null;
  const demand = wl.ioBytesPerSec * wl.profile.atHour(hourIndexAt(draft.now));
  const route = joinHops(scaleHops(readRoute, wl.readFraction), scaleHops(at.repo.ingestHops(), 1 - wl.readFraction), ioCpuHops(m.host.cpu, m.host.cyclesPerIo, iosPerByte(wl)));
  const flow = draft.transfer('io', Infinity, route, { rateCapBytesPerSec: demand, weight: wl.weight });
  return new BackupIo(flow, demand, draft.now, wl.readFraction * randomReadFactor(pointShape(at), wl.readIoSizeBytes));
}

/** The workload flow of a VM running from its backup, until it stops. */
export class BackupIo {
  constructor(
    private readonly flow: Flow,
    readonly demandBytesPerSec: number,
    readonly startSec: number,
    /** Bytes the target reads per byte of application I/O (its reads' share, amplified). */
    private readonly targetBytesPerByte: number,
  ) {}

  /** Stops the flow at `nowSec`, counts the target's reads on the draft and returns what was asked and delivered. */
  stop(nowSec: number, draft: RestoreDraft): { demandedBytes: number; deliveredBytes: number } {
    const delivered = this.flow.bytesDone;
    this.flow.abort('the VM stopped running from its backup');
    draft.bytesRead += delivered * this.targetBytesPerByte;
    return { demandedBytes: this.demandBytesPerSec * (nowSec - this.startSec), deliveredBytes: delivered };
  }
}

/** The figures of a run from the backup, for the report. */
export function runFigures(boot: { publishedSec: number; bootedSec: number }, io: { demandedBytes: number; deliveredBytes: number } | null, ranSec: number): RunFromBackup {
  return { publishedSec: boot.publishedSec, bootedSec: boot.bootedSec, ioDemandedBytes: io?.demandedBytes ?? 0, ioDeliveredBytes: io?.deliveredBytes ?? 0, ranSec };
}
