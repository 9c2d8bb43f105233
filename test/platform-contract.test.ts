import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcessBody } from '../sim/engine/process.js';
import { sameContent, type FrozenImage } from '../sim/disk/chunk-image.js';
import { GIB, MIB } from '../sim/disk/units.js';
import { GUEST_TOOLS } from '../sim/guest/guest-tools.js';
import { createPlatform, type HypervisorPlatform } from '../sim/platform/platform.js';
import { HoldingArea } from '../sim/platform/holding-area.js';
import type { PlatformVm } from '../sim/platform/machine.js';
import { PLATFORM_VERSION_NAMES, PLATFORM_VERSIONS } from '../sim/platform/platform-versions.js';
import { TRANSPORTS, type TransportName } from '../sim/platform/transports.js';
import type { VmSnapshot } from '../sim/platform/vm-snapshot.js';
import { takeBackupSnapshot } from '../sim/platform/backup-snapshot.js';
import { SNAPSHOT_KIND_NAMES, type SnapshotKind } from '../sim/snapshot/snapshot-kinds.js';
import { TRACKERS } from '../sim/tracking/trackers.js';
import { driveGuest, ELEVEN, guestWorld, makeStorage, runToEnd, type GuestWorld } from './support/snapshot-fixtures.js';

const TRANSPORT_NAMES = Object.keys(TRANSPORTS) as TransportName[];

/** The guest tools that belong to a platform (none for a physical server). */
function toolsFor(version: string): string {
  const platform = PLATFORM_VERSIONS[version as keyof typeof PLATFORM_VERSIONS].toolsPlatform;
  return Object.entries(GUEST_TOOLS).find(([, t]) => t.platform === platform)?.[0] ?? 'none';
}

interface Rig extends GuestWorld {
  platform: HypervisorPlatform;
  vm: PlatformVm;
  holdingArea: HoldingArea;
}

function rig(version: string, seed: number | string = 2011): Rig {
  const w = guestWorld({ seed, tools: toolsFor(version), applications: [{ kind: 'sql-server' }], hardwareSnapshots: true });
  const platform = createPlatform(w.sim, version);
  // A diff area as large as the data disk, so a copy-on-write snapshot is never lost here (that outcome has its own test).
  const vm = platform.attach({ guest: w.guest, storage: w.guest.disks.map(() => w.storage), diffAreaBytes: 16 * GIB });
  const holdingArea = new HoldingArea(makeStorage(w.sim, { name: 'proxy-holding' }), 64 * GIB, MIB);
  return { ...w, platform, vm, holdingArea };
}

/** The kind an image backup on this platform can take (a physical server only has array snapshots). */
function backupKind(version: string): SnapshotKind {
  const caps = PLATFORM_VERSIONS[version as keyof typeof PLATFORM_VERSIONS];
  return caps.defaultSnapshotKind ?? caps.snapshotKinds[0]!;
}

/** The snapshot of a `created` result; any other outcome fails the test with its reason. */
function created(result: { kind: string }): VmSnapshot {
  if (result.kind !== 'created' || !('snapshot' in result)) throw new Error(`expected a snapshot, got ${JSON.stringify(result)}`);
  return result.snapshot as VmSnapshot;
}

function* readAll(r: Rig, snapshot: VmSnapshot, transport: TransportName): ProcessBody<Uint32Array[] | string> {
  const out: Uint32Array[] = [];
  for (let i = 0; i < snapshot.disks.length; i++) {
    const opened = yield* r.platform.openForRead(snapshot, i, transport, r.routes, { holdingArea: r.holdingArea });
    if (opened.kind !== 'opened') return opened.kind;
    const read = opened.reader.readChunks(0, opened.reader.image.chunkCount);
    if (read.kind !== 'read') return read.kind;
    out.push(read.ids);
    yield* opened.reader.close();
  }
  return out;
}

describe.each(PLATFORM_VERSION_NAMES)('platform %s', (version) => {
  const caps = PLATFORM_VERSIONS[version];

  it('takes exactly the snapshot kinds its capabilities list, and answers the others as unsupported', () => {
    for (const kind of SNAPSHOT_KIND_NAMES) {
      const r = rig(version);
      const result = runToEnd(r.sim, r.platform.createSnapshot(r.vm, { kind }));
      if ((caps.snapshotKinds as readonly string[]).includes(kind)) expect(result.kind).toBe('created');
      else expect(result).toMatchObject({ kind: 'unsupported', capability: `snapshot:${kind}` });
    }
    const r = rig(version);
    const byDefault = runToEnd(r.sim, r.platform.createSnapshot(r.vm));
    if (caps.defaultSnapshotKind === null) expect(byDefault).toMatchObject({ kind: 'unsupported', capability: 'image-snapshot' });
    else expect(created(byDefault).kind).toBe(caps.defaultSnapshotKind);
  });

  it('quiesces through its tools only if its capabilities say so', () => {
    const r = rig(version);
    const q = runToEnd(r.sim, r.platform.quiesce(r.vm));
    if (caps.toolsQuiesce) expect(q).toMatchObject({ kind: 'quiesced', level: 'application' });
    else expect(q).toMatchObject({ kind: 'unsupported', capability: 'tools-quiesce' });
    r.platform.thaw(r.vm);
  });

  it('opens snapshots through exactly the transports its capabilities list', () => {
    for (const transport of TRANSPORT_NAMES) {
      const r = rig(version);
      // Take the kind the transport can read if the platform has it, so only the transport decides.
      const wanted = TRANSPORTS[transport].snapshotKinds?.find((k) => (caps.snapshotKinds as readonly string[]).includes(k)) ?? backupKind(version);
      const snapshot = created(runToEnd(r.sim, r.platform.createSnapshot(r.vm, { kind: wanted })));
      const opened = runToEnd(r.sim, r.platform.openForRead(snapshot, 0, transport, r.routes, { holdingArea: r.holdingArea }));
      const readable = TRANSPORTS[transport].snapshotKinds === null || (TRANSPORTS[transport].snapshotKinds as readonly string[]).includes(wanted);
      if ((caps.transports as readonly string[]).includes(transport) && readable) expect(opened.kind).toBe('opened');
      else expect(opened).toMatchObject({ kind: 'unsupported', capability: `transport:${transport}` });
    }
  });

  it('answers an incremental request from its change tracking, or with an explicit full read', () => {
    const r = rig(version);
    const first = created(runToEnd(r.sim, r.platform.createSnapshot(r.vm, { kind: backupKind(version), backup: 'full' })));
    r.guest.disks[1]!.writeChunk(3, 123_456);
    const since = first.changeIds[1] ?? `${first.id}/no-change-id`;
    const answer = r.platform.queryChanges(r.vm, 1, since);
    const tracking = caps.changeTracking[0];
    if (tracking !== undefined && TRACKERS[tracking].capabilities.incremental) {
      expect(answer.kind).toBe('changes');
      if (answer.kind === 'changes') expect(Array.from(answer.areas.chunks)).toContain(3);
    } else {
      expect(answer).toMatchObject({ kind: 'full-instead-of-incremental', reason: 'no-change-tracking' });
    }
    // A full request always lists every allocated chunk.
    const full = r.platform.queryChanges(r.vm, 1, '*');
    expect(full.kind === 'changes' && full.areas.kind === 'all-allocated').toBe(true);
  });

  it('saves running state and publishes backups exactly as its capabilities say', () => {
    const r = rig(version);
    const memory = runToEnd(r.sim, r.platform.createSnapshot(r.vm, { kind: backupKind(version), memory: true }));
    if (caps.memorySnapshot) expect(created(memory).runningState).not.toBeNull();
    else expect(memory).toMatchObject({ kind: 'unsupported', capability: 'memory-snapshot' });
    const published = runToEnd(r.sim, r.platform.publishAsDatastore({ name: 'restore-point', images: r.guest.disks.map((d) => d.freeze()), readHops: [{ resource: r.proxyNic }] }));
    if (caps.instantRecovery === null) expect(published).toMatchObject({ kind: 'unsupported', capability: 'instant-recovery' });
    else expect(published).toMatchObject({ kind: 'published', datastore: { protocol: caps.instantRecovery.protocol } });
  });

  it('reads back exactly the disk content at the snapshot instant after quiesce and snapshot, whatever the guest writes meanwhile', () => {
    // Idea: for any seed and any amount of guest activity between the
    // snapshot and the read, quiesce + snapshot + thaw + read through the
    // platform's first transport returns, disk by disk, the content the
    // disks held at the snapshot instant.
    fc.assert(
      fc.property(fc.nat({ max: 1_000 }), fc.integer({ min: 0, max: 4 * 3600 }), (seed, busySec) => {
        const r = rig(version, seed);
        let expected: FrozenImage[] = [];
        const read = runToEnd(
          r.sim,
          (function* () {
            const taken = yield* takeBackupSnapshot(r.platform, r.vm, { kind: backupKind(version) });
            const snapshot = created(taken);
            expected = r.guest.disks.map((d) => d.freeze());
            yield* driveGuest(r.sim, r.guest, r.sim.now + busySec);
            return yield* readAll(r, snapshot, caps.transports[0]!);
          })(),
        );
        if (typeof read === 'string') throw new Error(`read failed: ${read}`);
        for (const [i, ids] of read.entries()) expect(Array.from(ids)).toEqual(Array.from(expected[i]!.read(0, expected[i]!.chunkCount)));
      }),
      { numRuns: 15 },
    );
  });

  it('releases everything a snapshot held when it is deleted', () => {
    const r = rig(version);
    const listeners = r.guest.disks.map((d) => d.listenerCount);
    const snapshot = created(runToEnd(r.sim, r.platform.createSnapshot(r.vm, { kind: backupKind(version) })));
    expect(r.guest.disks.map((d) => d.listenerCount)).not.toEqual(listeners);
    const expected = r.guest.disks.map((d) => d.freeze());
    const deletion = runToEnd(
      r.sim,
      (function* () {
        yield* driveGuest(r.sim, r.guest, r.sim.now + 600);
        expect(snapshot.disks.every((d, i) => sameContent(d.image, expected[i]!))).toBe(true);
        return yield* r.platform.deleteSnapshot(snapshot);
      })(),
    );
    expect(deletion.kind).toBe('deleted');
    expect(r.guest.disks.map((d) => d.listenerCount)).toEqual(listeners);
    expect(snapshot.disks.map((d) => d.status)).toEqual(snapshot.disks.map(() => 'deleted'));
    for (const a of deletion.accounts) expect(a).toMatchObject({ status: 'deleted', pendingExtraIoBytes: 0, deltaBytes: 0 });
    expect(snapshot.disks[0]!.read().kind).toBe('deleted');
  });

  it('is deterministic: the same seed gives the same outcomes and costs', () => {
    const once = () => {
      const r = rig(version, 'same-seed');
      return runToEnd(
        r.sim,
        (function* () {
          const taken = yield* takeBackupSnapshot(r.platform, r.vm, { kind: backupKind(version) });
          const snapshot = created(taken);
          yield* driveGuest(r.sim, r.guest, r.sim.now + 1800);
          const changes = r.platform.queryChanges(r.vm, 1, snapshot.changeIds[1] ?? '*');
          const read = yield* readAll(r, snapshot, caps.transports[0]!);
          const deletion = yield* r.platform.deleteSnapshot(snapshot);
          return JSON.stringify({ taken: { quiesce: taken.kind === 'created' ? taken.quiesce?.kind : null, consistency: snapshot.consistency }, changes: changes.kind, read: typeof read === 'string' ? read : read.map((ids) => Array.from(ids)), deletion, now: r.sim.now });
        })(),
      );
    };
    expect(once()).toBe(once());
  });
});

describe('the platform catalog', () => {
  it(`starts from ${ELEVEN / 3600}:00 in every rig, so guests have work in memory`, () => {
    const r = rig('vsphere-4');
    expect(r.sim.now).toBe(ELEVEN);
    expect(r.guest.apps[0]!.pendingCount).toBeGreaterThan(0);
  });
});
