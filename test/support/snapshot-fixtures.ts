/**
 * Small worlds for the snapshot and platform tests: a simulation, storage
 * made of two bare resources (no estate needed), tiny OS templates so a
 * guest has a few hundred chunks, and a helper that runs a generator as a
 * process to completion. Every figure a test's arithmetic depends on is set
 * here or in the test.
 */
import { Simulation } from '../../sim/engine/simulation.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Hop, Resource } from '../../sim/flow/network.js';
import { ContentSpace } from '../../sim/disk/content-space.js';
import type { OsTemplateSpec } from '../../sim/disk/os-templates.js';
import { TemplatePool } from '../../sim/disk/template-pool.js';
import { GIB, MIB } from '../../sim/disk/units.js';
import { VirtualDisk } from '../../sim/disk/virtual-disk.js';
import { buildGuest, type GuestDiskSpec, type GuestSpec } from '../../sim/guest/build-guest.js';
import type { Guest } from '../../sim/guest/guest.js';
import type { PlatformVm } from '../../sim/platform/machine.js';
import type { SnapshotStorage } from '../../sim/snapshot/storage-io.js';

/** Tiny templates: 32 MiB images keep guests at a few hundred 1 MiB chunks. */
export const TINY_TEMPLATES: Readonly<Record<string, OsTemplateSpec>> = {
  'tiny-windows': { osFamily: 'windows', lineage: 'win', lineageSharedFraction: 0.5, imageSizeBytes: 32 * MIB, description: 'a small Windows image' },
  'tiny-linux': { osFamily: 'linux', lineage: 'linux', lineageSharedFraction: 0.5, imageSizeBytes: 32 * MIB, description: 'a small Linux image' },
};

/** 11:00 on day 0: business hours, so applications hold committed work in memory. */
export const ELEVEN = 11 * 3600;

export interface StorageOptions {
  name?: string;
  bandwidthBytesPerSec?: number;
  iops?: number;
  hardwareSnapshots?: boolean;
}

/** A datastore made of a bandwidth and an IOPS resource. */
export function makeStorage(sim: Simulation, options: StorageOptions = {}): SnapshotStorage & { bandwidth: Resource; iops: Resource } {
  const path = `datastore/${options.name ?? 'ds-01'}`;
  return {
    path,
    bandwidth: sim.resource({ name: `${path}/bandwidth`, capacity: options.bandwidthBytesPerSec ?? 100 * MIB }),
    iops: sim.resource({ name: `${path}/iops`, capacity: options.iops ?? 100_000, unit: 'IO/s' }),
    hardwareSnapshots: options.hardwareSnapshots ?? false,
  };
}

export function makeDisk(chunks: number, chunkSizeBytes = MIB, name = 'vm/t/disk/0'): VirtualDisk {
  return new VirtualDisk({ name, provisionedBytes: chunks * chunkSizeBytes, chunkSizeBytes });
}

/** Runs `body` as a process until the simulation is idle and returns its value. */
export function runToEnd<R>(sim: Simulation, body: ProcessBody<R>): R {
  const p = sim.process('test', body);
  sim.run();
  const outcome = p.value;
  if (outcome.state !== 'done') throw new Error('test process was interrupted');
  return outcome.value;
}

export interface GuestWorld {
  sim: Simulation;
  guest: Guest;
  storage: ReturnType<typeof makeStorage>;
  /** A proxy NIC every read route crosses. */
  proxyNic: Resource;
  /** Read routes: the datastore, then the proxy NIC. */
  routes: (route: string, diskIndex: number) => { ok: true; hops: Hop[] };
}

export interface GuestWorldOptions extends Partial<Omit<GuestSpec, 'disks'>> {
  seed?: number | string;
  hardwareSnapshots?: boolean;
  /** Busy application data disk (default true): half its chunks change a day. */
  dataDisk?: boolean;
  /** Size of the data disk (default 16 GiB, three quarters of it application data, so the application always has work in memory). */
  dataDiskBytes?: number;
}

/** A guest with an OS disk and (by default) a busy data disk, advanced to 11:00 (as is the clock), on one datastore. */
export function guestWorld(options: GuestWorldOptions = {}): GuestWorld {
  const sim = new Simulation({ seed: options.seed ?? 2011 });
  const space = new ContentSpace(MIB);
  const pool = new TemplatePool(space, TINY_TEMPLATES);
  const { seed: _seed, hardwareSnapshots, dataDisk, dataDiskBytes, ...spec } = options;
  const disks: GuestDiskSpec[] = [{ provisionedBytes: 64 * MIB }];
  const dataBytes = dataDiskBytes ?? 16 * GIB;
  if (dataDisk !== false) disks.push({ provisionedBytes: dataBytes, appDataBytes: (dataBytes * 3) / 4, change: { dailyChangeFraction: 0.5 } });
  const guest = buildGuest({ name: 'app-01', template: 'tiny-windows', ...spec, disks }, { space, pool, streams: sim.random });
  guest.advance(0, ELEVEN);
  // Simulated time starts where the guest is: 11:00.
  sim.run({ untilSec: ELEVEN });
  const storage = makeStorage(sim, { ...(hardwareSnapshots !== undefined ? { hardwareSnapshots } : {}) });
  const proxyNic = sim.resource({ name: 'proxy/p-01/nic', capacity: 1000 * MIB });
  const routes = () => ({ ok: true as const, hops: [{ resource: storage.bandwidth }, { resource: storage.iops, coef: 1 / MIB }, { resource: proxyNic }] });
  return { sim, guest, storage, proxyNic, routes };
}

/**
 * Drives the guest's writes in `stepSec` batches (default 60 s) from now
 * until `untilSec`; with a platform VM, each batch's snapshot I/O is charged
 * over the batch, as a workload driver would.
 */
export function* driveGuest(sim: Simulation, guest: Guest, untilSec: number, options: { stepSec?: number; vm?: PlatformVm } = {}): ProcessBody<void> {
  const stepSec = options.stepSec ?? 60;
  while (sim.now < untilSec) {
    const to = Math.min(untilSec, sim.now + stepSec);
    guest.advance(sim.now, to);
    options.vm?.chargeSnapshotIo(sim, to - sim.now);
    yield to - sim.now;
  }
}
