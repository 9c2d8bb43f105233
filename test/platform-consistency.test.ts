import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { GIB, MIB } from '../sim/disk/units.js';
import { createPlatform } from '../sim/platform/platform.js';
import { HoldingArea } from '../sim/platform/holding-area.js';
import { VSS_FREEZE_WINDOW_SEC } from '../sim/platform/quiesce.js';
import { requireTransport } from '../sim/platform/transports.js';
import { snapshotImages, type VmSnapshot } from '../sim/platform/vm-snapshot.js';
import { takeBackupSnapshot } from '../sim/platform/backup-snapshot.js';
import { classifyResumed } from '../sim/snapshot/memory-snapshot.js';
import { MIN_DIFF_AREA_BYTES } from '../sim/snapshot/cow-snapshot.js';
import { driveGuest, guestWorld, makeStorage, runToEnd, type GuestWorldOptions } from './support/snapshot-fixtures.js';

function setup(version: string, options: GuestWorldOptions = {}, diffAreaBytes?: number) {
  const w = guestWorld({ tools: 'vmware-tools', applications: [{ kind: 'sql-server' }], ...options });
  const platform = createPlatform(w.sim, version);
  const vm = platform.attach({ guest: w.guest, storage: w.guest.disks.map(() => w.storage), ...(diffAreaBytes !== undefined ? { diffAreaBytes } : {}) });
  return { ...w, platform, vm };
}

/** The snapshot of a `created` result; any other outcome fails the test with its reason. */
function created(result: { kind: string }): VmSnapshot {
  if (result.kind !== 'created' || !('snapshot' in result)) throw new Error(`expected a snapshot, got ${JSON.stringify(result)}`);
  return result.snapshot as VmSnapshot;
}

describe('consistency of a platform snapshot', () => {
  it('holds all committed work of a VSS-aware application when quiesced, whatever the guest writes afterwards', () => {
    const { sim, guest, platform, vm } = setup('vsphere-4');
    const pending = guest.apps[0]!.pendingCount;
    expect(pending).toBeGreaterThan(0);
    const { snapshot, verdictLater } = runToEnd(
      sim,
      (function* () {
        const taken = yield* takeBackupSnapshot(platform, vm);
        const snapshot = created(taken);
        expect(taken).toMatchObject({ quiesce: { kind: 'quiesced', level: 'application', flushedBytes: pending * MIB } });
        yield* driveGuest(sim, guest, sim.now + 3600);
        return { snapshot, verdictLater: guest.classify(snapshotImages(snapshot), snapshot.capture) };
      })(),
    );
    expect(snapshot.consistency).toEqual({ level: 'application', reason: null });
    expect(verdictLater.overall).toBe('application-consistent');
    expect(verdictLater.apps[0]).toMatchObject({ missingWrites: 0 });
  });

  it('misses committed work when the snapshot is not quiesced', () => {
    const { sim, guest, platform, vm } = setup('vsphere-4');
    const snapshot = created(runToEnd(sim, takeBackupSnapshot(platform, vm, { quiesce: false })));
    expect(snapshot.consistency).toMatchObject({ level: 'crash', reason: 'vm/app-01 was not quiesced' });
    const verdict = guest.classify(snapshotImages(snapshot), snapshot.capture);
    expect(verdict.overall).toBe('crash-consistent-recoverable');
    expect(verdict.apps[0]!.missingWrites).toBeGreaterThan(0);
  });

  it('gives a VM without guest tools no application quiesce', () => {
    const { sim, guest, platform, vm } = setup('vsphere-4', { tools: 'none' });
    const taken = runToEnd(sim, takeBackupSnapshot(platform, vm));
    expect(taken).toMatchObject({ quiesce: { kind: 'crash-consistent-only', outcome: { apps: [{ flushed: false, reason: 'no-guest-tools' }] } } });
    const snapshot = created(taken);
    expect(snapshot.consistency.level).toBe('crash');
    expect(guest.classify(snapshotImages(snapshot), snapshot.capture).overall).toBe('crash-consistent-recoverable');
  });

  it('loses application consistency when the freeze outlasts the VSS window', () => {
    const { sim, platform, vm } = setup('vsphere-4');
    const snapshot = runToEnd(
      sim,
      (function* () {
        yield* platform.quiesce(vm);
        yield VSS_FREEZE_WINDOW_SEC + 1;
        const s = created(yield* platform.createSnapshot(vm));
        expect(platform.thaw(vm)).toMatchObject({ kind: 'thawed', windowExceeded: true });
        return s;
      })(),
    );
    expect(snapshot.consistency.level).toBe('crash');
    expect(snapshot.consistency.reason).toMatch(/window/);
    // The writers thawed themselves, which the capture (not a label) records.
    expect(snapshot.capture.apps[0]!.quiesced).toBe(false);
  });
});

describe('XenServer memory snapshots', () => {
  it.each(['xenserver-5.6', 'xenserver-7.3'])('are refused for a Linux VM on %s', (version) => {
    const { sim, platform, vm, guest } = setup(version, { template: 'tiny-linux', tools: 'xen-tools', applications: [{ kind: 'postgresql' }] });
    const listeners = guest.disks.map((d) => d.listenerCount);
    const result = runToEnd(sim, platform.createSnapshot(vm, { memory: true }));
    expect(result).toMatchObject({ kind: 'unsupported', capability: 'memory-snapshot' });
    expect((result as { reason: string }).reason).toMatch(/linux/);
    // Nothing was taken: no partial snapshot set.
    expect(guest.disks.map((d) => d.listenerCount)).toEqual(listeners);
  });

  it('capture the running state of a Windows VM, so its application resumes with all committed work', () => {
    const { sim, guest, platform, vm } = setup('xenserver-5.6', { tools: 'xen-tools' });
    const snapshot = created(runToEnd(sim, platform.createSnapshot(vm, { memory: true })));
    const state = snapshot.runningState!;
    expect(state).toMatchObject({ kind: 'running-state', memoryBytes: 4 * GIB });
    // The memory image went to the datastore at 100 MiB/s.
    expect(state.saveSec).toBeCloseTo((4 * GIB) / (100 * MIB), 6);
    // The disks alone are a crash image; with the saved memory nothing is missing.
    expect(guest.classify(snapshotImages(snapshot), snapshot.capture).overall).toBe('crash-consistent-recoverable');
    const resumed = classifyResumed(guest, snapshotImages(snapshot), state);
    expect(resumed.overall).toBe('application-consistent');
    expect(resumed.apps[0]!.missingWrites).toBe(0);
  });

  it('are refused on a platform without them', () => {
    const { sim, platform, vm } = setup('vsphere-4');
    expect(runToEnd(sim, platform.createSnapshot(vm, { memory: true }))).toMatchObject({ kind: 'unsupported', capability: 'memory-snapshot' });
  });
});

describe('change queries through a platform', () => {
  it('turn an incremental request on VCB into a full, and say so', () => {
    const { sim, platform, vm } = setup('vsphere-3.5');
    const snapshot = created(runToEnd(sim, platform.createSnapshot(vm)));
    expect(snapshot.changeIds).toEqual([null, null]);
    const answer = platform.queryChanges(vm, 1, 'vm/app-01@snap-0');
    expect(answer).toMatchObject({ kind: 'full-instead-of-incremental', reason: 'no-change-tracking' });
    expect(answer.kind === 'full-instead-of-incremental' && answer.readBytes).toBe(vm.guest.disks[1]!.sizes().nonZeroChunks * MIB);
  });

  it('answer exactly the chunks written since a snapshot, and a full read after CBT is reset', () => {
    const { sim, guest, platform, vm } = setup('vsphere-4');
    const snapshot = created(runToEnd(sim, platform.createSnapshot(vm)));
    const since = snapshot.changeIds[1]!;
    for (const c of [5, 9, 9, 40]) guest.disks[1]!.writeChunk(c, 777_000 + c);
    expect(platform.queryChanges(vm, 1, since)).toMatchObject({ kind: 'changes', areas: { kind: 'changed', changedBytes: 3 * MIB } });
    platform.powerEvent(vm, 'hard-power-off');
    const after = platform.queryChanges(vm, 1, since);
    expect(after).toMatchObject({ kind: 'full-instead-of-incremental', reason: 'tracking-reset' });
    expect(after.kind === 'full-instead-of-incremental' && after.detail).toMatch(/hard-power-off/);
  });
});

describe('a copy-on-write snapshot through Hyper-V', () => {
  it('is reported lost when its diff area overflows, at open and at delete', () => {
    const { sim, guest, platform, vm, routes } = setup('hyperv-2008r2', { tools: 'hyperv-integration-services' });
    const snapshot = created(runToEnd(sim, platform.createSnapshot(vm)));
    expect(snapshot.kind).toBe('copy-on-write');
    const fits = Math.floor(MIN_DIFF_AREA_BYTES / MIB);
    for (let c = 0; c <= fits; c++) guest.disks[1]!.writeChunk(c, 888_000 + c);
    const opened = runToEnd(sim, platform.openForRead(snapshot, 1, 'on-host', routes));
    expect(opened).toMatchObject({ kind: 'snapshot-lost', snapshot: snapshot.id });
    const deletion = runToEnd(sim, platform.deleteSnapshot(snapshot));
    expect(deletion.disks[1]).toMatchObject({ kind: 'already-lost' });
    expect(deletion.accounts[1]).toMatchObject({ status: 'lost', extraIoCount: 2 * fits, extraIoBytes: 2 * fits * MIB, pendingExtraIoBytes: 0 });
  });

  it('charges 2 extra I/O per first write on the datastore while the guest writes, and nothing for rewrites', () => {
    const { sim, guest, storage, platform, vm } = setup('hyperv-2008r2', { tools: 'hyperv-integration-services' }, 16 * GIB);
    const account = runToEnd(
      sim,
      (function* () {
        const snapshot = created(yield* platform.createSnapshot(vm));
        yield* driveGuest(sim, guest, sim.now + 1800, { vm });
        yield* platform.deleteSnapshot(snapshot);
        return snapshot.disks.map((d) => d.account());
      })(),
    );
    const firstWrites = account.reduce((s, a) => s + a.firstWrites, 0);
    expect(firstWrites).toBeGreaterThan(0);
    expect(account.reduce((s, a) => s + a.guestWrites, 0)).toBeGreaterThan(firstWrites);
    // Guest writes are not flows in this rig, so the datastore saw exactly the copy-aside work.
    expect(storage.iops.recorder.totalLoadSec).toBeCloseTo(2 * firstWrites, 6);
    expect(storage.bandwidth.recorder.totalLoadSec).toBeCloseTo(2 * firstWrites * MIB, 0);
  });

  it('needs a hardware snapshot for an off-host read', () => {
    const { sim, platform, vm, routes } = setup('hyperv-2008r2', { tools: 'hyperv-integration-services' });
    const snapshot = created(runToEnd(sim, platform.createSnapshot(vm)));
    expect(runToEnd(sim, platform.openForRead(snapshot, 0, 'off-host', routes))).toMatchObject({ kind: 'unsupported', capability: 'transport:off-host' });
  });
});

describe('reading through a platform', () => {
  it('copies the whole snapshot to the proxy holding area on VCB, and refuses when it does not fit', () => {
    const { sim, guest, platform, vm, routes } = setup('vsphere-3.5');
    const snapshot = created(runToEnd(sim, platform.createSnapshot(vm)));
    const allocated = guest.disks[1]!.sizes().nonZeroChunks * MIB;
    const small = new HoldingArea(makeStorage(sim, { name: 'small-holding' }), allocated - MIB, MIB);
    expect(runToEnd(sim, platform.openForRead(snapshot, 1, 'san', routes, { holdingArea: small }))).toMatchObject({ kind: 'holding-area-too-small', neededBytes: allocated });
    expect(runToEnd(sim, platform.openForRead(snapshot, 1, 'san', routes))).toMatchObject({ kind: 'unsupported', capability: 'holding-area' });
    const area = new HoldingArea(makeStorage(sim, { name: 'holding' }), 64 * GIB, MIB);
    const opened = runToEnd(sim, platform.openForRead(snapshot, 1, 'san', routes, { holdingArea: area }));
    if (opened.kind !== 'opened') throw new Error(opened.kind);
    expect(opened.reader.stagedBytes).toBe(allocated);
    expect(area.peakUsedBytes).toBe(allocated);
    runToEnd(sim, opened.reader.close());
    expect(area.usedBytes).toBe(0);
  });

  it('answers a route the proxy cannot use as unavailable', () => {
    const { sim, platform, vm } = setup('vsphere-4');
    const snapshot = created(runToEnd(sim, platform.createSnapshot(vm)));
    const noSan = () => ({ ok: false as const, reason: 'proxy/p-01 is not zoned to datastore/ds-01' });
    expect(runToEnd(sim, platform.openForRead(snapshot, 0, 'san', noSan))).toMatchObject({ kind: 'transport-unavailable', transport: 'san' });
  });

  it('refuses array snapshots on storage without hardware snapshots, and image snapshots of a physical server', () => {
    const v = setup('vsphere-4', { hardwareSnapshots: false });
    expect(runToEnd(v.sim, v.platform.createSnapshot(v.vm, { kind: 'array' }))).toMatchObject({ kind: 'unsupported', capability: 'hardware-snapshot' });
    const p = setup('physical', { tools: 'none', hardwareSnapshots: false });
    expect(runToEnd(p.sim, p.platform.createSnapshot(p.vm))).toMatchObject({ kind: 'unsupported', capability: 'image-snapshot' });
    expect(runToEnd(p.sim, p.platform.createSnapshot(p.vm, { kind: 'array' }))).toMatchObject({ kind: 'unsupported', capability: 'hardware-snapshot' });
    expect(runToEnd(p.sim, p.platform.quiesce(p.vm))).toMatchObject({ kind: 'unsupported', capability: 'tools-quiesce' });
  });
});

describe('bad platform input', () => {
  it('is a ConfigError at build time: unknown version, unknown transport, foreign tools, unknown tracking, storage per disk', () => {
    const { sim, guest, storage } = guestWorld({ tools: 'vmware-tools' });
    expect(() => createPlatform(sim, 'vsphere-9')).toThrow(ConfigError);
    expect(() => createPlatform(sim, 'vsphere-9')).toThrow(/vsphere-3\.5, vsphere-4/);
    expect(() => requireTransport('strategy/nightly', 'fibre-channel')).toThrow(ConfigError);
    expect(requireTransport('strategy/nightly', 'hot-add')).toBe('hot-add');
    expect(() => createPlatform(sim, 'hyperv-2016').attach({ guest, storage: [storage, storage] })).toThrow(/tools/);
    const vsphere = createPlatform(sim, 'vsphere-4');
    expect(() => vsphere.attach({ guest, storage: [storage, storage], changeTracking: 'hyperv-rct' })).toThrow(ConfigError);
    expect(() => vsphere.attach({ guest, storage: [storage] })).toThrow(/one storage per disk/);
    expect(() => vsphere.attach({ guest, storage: [storage, storage], diffAreaBytes: 1000 })).toThrow(/320000000/);
  });
});
