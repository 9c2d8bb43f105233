import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { MIB } from '../sim/disk/units.js';
import { VirtualDisk } from '../sim/disk/virtual-disk.js';
import { toExtents, type ChangedAreas, type TrackerKind } from '../sim/tracking/change-areas.js';
import { MAX_EPOCH } from '../sim/tracking/epoch-log.js';
import { HyperVRct } from '../sim/tracking/hyperv-rct.js';
import { createTracker, TRACKERS } from '../sim/tracking/trackers.js';
import { VmwareCbt } from '../sim/tracking/vmware-cbt.js';
import { VssShadowCopyTracker } from '../sim/tracking/vss-shadow-copy.js';
import { XenCumulative } from '../sim/tracking/xen-cumulative.js';

const CHUNKS = 96;
const KINDS = Object.keys(TRACKERS) as TrackerKind[];

function disk(chunks = CHUNKS): VirtualDisk {
  return new VirtualDisk({ name: 'vm/t/disk/0', provisionedBytes: chunks * MIB, chunkSizeBytes: MIB });
}

const opArb = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('write' as const), chunk: fc.nat({ max: CHUNKS - 1 }), id: fc.nat({ max: 40 }) }), weight: 10 },
  { arbitrary: fc.record({ op: fc.constant('mark' as const), full: fc.boolean(), appConsistent: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('power' as const), event: fc.constantFrom('hard-power-off' as const, 'power-failure' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('query' as const), pick: fc.nat() }), weight: 3 },
);

function list(chunks: Uint32Array): number[] {
  return Array.from(chunks);
}

describe('every change tracker', () => {
  it('never misses a chunk written since the id it is asked about', () => {
    // Idea: whatever the writes, marks and power events, an incremental answer
    // covers every chunk written after the asked id (exactly, unless the
    // platform answers relative to an older baseline), and a full answer lists
    // every allocated chunk, so nothing written since the id can be lost.
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.array(opArb, { maxLength: 120 }), (kind, ops) => {
        const d = disk();
        const tracker = createTracker(kind, d);
        const marks: { id: string; writtenSince: Set<number> }[] = [];
        for (const o of ops) {
          if (o.op === 'write') {
            d.writeChunk(o.chunk, o.id);
            for (const m of marks) m.writtenSince.add(o.chunk);
          } else if (o.op === 'mark') {
            const id = tracker.mark({ backup: o.full ? 'full' : 'incremental', consistency: o.appConsistent ? 'application' : 'crash' });
            marks.push({ id, writtenSince: new Set() });
          } else if (o.op === 'power') {
            tracker.powerEvent(o.event);
          } else if (marks.length > 0) {
            const m = marks[o.pick % marks.length]!;
            checkAnswer(tracker.queryChangedAreas(m.id), m.writtenSince, d);
          }
        }
        checkAnswer(tracker.queryChangedAreas('*'), new Set(), d);
      }),
      { numRuns: 500 },
    );
  });
});

function checkAnswer(answer: ChangedAreas, writtenSince: Set<number>, d: VirtualDisk): void {
  const reported = new Set(answer.chunks);
  if (answer.kind === 'changed') {
    for (const chunk of writtenSince) expect(reported.has(chunk)).toBe(true);
    if (answer.since === answer.asked) expect(reported.size).toBe(writtenSince.size);
    expect(answer.changedBytes).toBe(answer.chunks.length * MIB);
  } else {
    expect(list(answer.chunks)).toEqual(list(d.nonZeroChunks()));
    expect(answer.readBytes).toBe(d.sizes().nonZeroChunks * MIB);
  }
}

describe('VMware CBT', () => {
  it('lists all allocated chunks for the change id "*"', () => {
    const d = disk();
    const cbt = new VmwareCbt(d);
    d.writeSequential(10, 5, 1);
    expect(cbt.queryChangedAreas('*')).toMatchObject({ kind: 'all-allocated', readBytes: 5 * MIB });
  });

  it('after a hard power-off forces a full read, and the result says so', () => {
    const d = disk();
    const cbt = new VmwareCbt(d);
    d.writeSequential(0, 20, 1);
    const before = cbt.mark();
    d.writeChunk(3, 99);
    expect(list((cbt.queryChangedAreas(before) as { chunks: Uint32Array }).chunks)).toEqual([3]);
    cbt.powerEvent('hard-power-off');
    d.writeChunk(4, 100);
    const answer = cbt.queryChangedAreas(before);
    expect(answer).toMatchObject({ kind: 'full-required', reason: 'tracking-reset', readBytes: 20 * MIB });
    if (answer.kind === 'full-required') expect(answer.detail).toMatch(/reset by hard-power-off/);
    // A change id issued after the reset works again.
    const after = cbt.mark();
    d.writeChunk(7, 101);
    expect(cbt.queryChangedAreas(after)).toMatchObject({ kind: 'changed' });
    // The instance part of the id ("<uuid>/<sequence>" in VMware) changed with the reset.
    const instance = (id: string) => id.slice(0, id.lastIndexOf('/'));
    expect(instance(after)).not.toBe(instance(before));
  });

  it('answers an id it never issued with a full read', () => {
    const cbt = new VmwareCbt(disk());
    expect(cbt.queryChangedAreas('52 de ad/1')).toMatchObject({ kind: 'full-required', reason: 'unknown-change-id' });
  });

  it('resets itself, visibly, when its 16-bit change id space runs out', () => {
    const d = disk();
    const cbt = new VmwareCbt(d);
    let first = '';
    for (let i = 0; i < MAX_EPOCH; i++) {
      const id = cbt.mark();
      if (i === MAX_EPOCH - 2) first = id;
    }
    expect(cbt.queryChangedAreas(first)).toMatchObject({ kind: 'full-required', reason: 'tracking-reset' });
  });
});

describe('Hyper-V change tracking', () => {
  it('RCT reports the consistency level of the reference point and survives power failure', () => {
    const d = disk();
    const rct = new HyperVRct(d);
    const ref = rct.mark({ consistency: 'application' });
    d.writeChunk(1, 5);
    rct.powerEvent('power-failure');
    expect(rct.queryChangedAreas(ref)).toMatchObject({ kind: 'changed', consistency: 'application' });
  });

  it('2008 R2 without RCT reads the whole disk for every backup', () => {
    const d = disk();
    const t = createTracker('hyperv-full-read', d);
    d.writeSequential(0, 8, 1);
    expect(t.capabilities.incremental).toBe(false);
    expect(t.queryChangedAreas(t.mark())).toMatchObject({ kind: 'full-required', reason: 'no-change-tracking', readBytes: 8 * MIB });
  });

  it('a retained VSS shadow copy tracks changes until its diff area overflows', () => {
    const d = disk(1024);
    d.writeSequential(0, 1024, 1);
    const vss = new VssShadowCopyTracker(d, { diffAreaBytes: 320 * 1000 * 1000 });
    const old = vss.mark();
    const ref = vss.mark();
    d.writeSequential(0, 100, 5000);
    expect(vss.queryChangedAreas(ref)).toMatchObject({ kind: 'changed', changedBytes: 100 * MIB });
    expect(vss.queryChangedAreas(old)).toMatchObject({ kind: 'full-required', reason: 'reference-deleted' });
    d.writeSequential(100, 300, 6000);
    expect(vss.diffAreaUsedBytes).toBeGreaterThan(vss.diffAreaBytes);
    expect(vss.queryChangedAreas(ref)).toMatchObject({ kind: 'full-required', reason: 'shadow-copy-lost' });
  });

  it('rejects a diff area below the VSS minimum', () => {
    expect(() => new VssShadowCopyTracker(disk(), { diffAreaBytes: 100 * MIB })).toThrow(/diffAreaBytes must be at least 320000000/);
  });
});

describe('XenServer change tracking', () => {
  it('before 7.3 makes every incremental cumulative since the last full', () => {
    const d = disk();
    const xen = new XenCumulative(d);
    expect(xen.queryChangedAreas(xen.mark())).toMatchObject({ kind: 'full-required', reason: 'no-full-backup-yet' });
    const full = xen.mark({ backup: 'full' });
    d.writeChunk(1, 1);
    const monday = xen.mark();
    d.writeChunk(2, 2);
    const tuesday = xen.queryChangedAreas(monday);
    expect(tuesday).toMatchObject({ kind: 'changed', asked: monday, since: full });
    expect(list(tuesday.chunks)).toEqual([1, 2]);
    const nextFull = xen.mark({ backup: 'full' });
    d.writeChunk(3, 3);
    expect(xen.queryChangedAreas(monday)).toMatchObject({ since: monday });
    expect(list(xen.queryChangedAreas(nextFull).chunks)).toEqual([3]);
  });

  it('7.3 CBT answers from the asked snapshot only', () => {
    const d = disk();
    const cbt = createTracker('xen-cbt', d);
    cbt.mark();
    d.writeChunk(1, 1);
    const snap = cbt.mark();
    d.writeChunk(2, 2);
    expect(list(cbt.queryChangedAreas(snap).chunks)).toEqual([2]);
    expect(cbt.capabilities.cumulativeSinceFull).toBe(false);
  });
});

describe('tracker plumbing', () => {
  it('merges changed chunks into byte extents', () => {
    expect(toExtents(Uint32Array.from([1, 2, 3, 7, 9, 10]), MIB)).toEqual([
      { offsetBytes: MIB, lengthBytes: 3 * MIB },
      { offsetBytes: 7 * MIB, lengthBytes: MIB },
      { offsetBytes: 9 * MIB, lengthBytes: 2 * MIB },
    ]);
  });

  it('rejects an unknown tracker kind as a configuration error', () => {
    expect(() => createTracker('netware-cbt', disk())).toThrow(ConfigError);
    expect(() => createTracker('netware-cbt', disk())).toThrow(/vm\/t\/disk\/0: changeTracking must be one of vmware-cbt/);
  });

  it('stops seeing writes once detached', () => {
    const d = disk();
    for (const kind of KINDS) createTracker(kind, d).detach();
    expect(d.listenerCount).toBe(0);
  });
});
