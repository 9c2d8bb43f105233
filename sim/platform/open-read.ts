/**
 * Opening a snapshot's disk for a backup read through a transport.
 *
 * The estate knows how bytes travel (sim/estate/read-paths.ts); the platform
 * knows which transports exist, what opening one costs, and how the proxy
 * gets at the data. So the caller passes a `ReadRoutes` function (for
 * example `(route, i) => estate.diskReadPath(vm, vm.disks[i], proxy, route,
 * ioSize)`), and the answer is a `DiskReader`: the image to read, the hops
 * one byte crosses, and a close step.
 *
 * In place (VADP, Hyper-V, XAPI): the proxy reads the snapshot where it is.
 * Copy to a holding area (VCB, DOMAIN.md): the whole allocated snapshot is
 * first copied through the route into the proxy's holding area (a flow), and
 * the backup then reads the copy from there; the area must have room, and the
 * copy is freed on close.
 *
 * Refusals are outcomes: a transport the platform lacks or that cannot read
 * this snapshot kind (`unsupported`), a route this proxy cannot use
 * (`transport-unavailable`), a snapshot lost before it was read
 * (`snapshot-lost`), a holding area without room.
 */
import { assert } from '../engine/errors.js';
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { Hop } from '../flow/network.js';
import { FrozenImage, type ChunkImage } from '../disk/chunk-image.js';
import { ZERO_CONTENT } from '../disk/content-space.js';
import type { PlatformCapabilities } from './capabilities.js';
import type { HoldingArea } from './holding-area.js';
import { unsupported, type HoldingAreaTooSmall, type SnapshotLost, type TransportUnavailable, type Unsupported } from './outcomes.js';
import { TRANSPORTS, type RouteKind, type TransportName, type TransportSpec } from './transports.js';
import type { VmSnapshot } from './vm-snapshot.js';
import { joinHops } from '../flow/hops.js';

export type ReadRoute = { ok: true; hops: readonly Hop[] } | { ok: false; reason: string };

/** How bytes of disk `diskIndex` reach the proxy over a route kind (built by the estate). */
export type ReadRoutes = (route: RouteKind, diskIndex: number) => ReadRoute;

export interface OpenOptions {
  /** Required where the platform copies snapshots to a holding area (VCB). */
  holdingArea?: HoldingArea;
}

export type OpenResult = { kind: 'opened'; reader: DiskReader } | Unsupported | SnapshotLost | TransportUnavailable | HoldingAreaTooSmall;

export type ChunkRead = { kind: 'read'; ids: Uint32Array } | SnapshotLost;

export class DiskReader {
  private closed = false;

  constructor(
    readonly snapshot: VmSnapshot,
    readonly diskIndex: number,
    readonly transport: TransportName,
    /** What the backup reads: the snapshot in place, or its staged copy. */
    readonly image: ChunkImage,
    /** Route of one byte the backup reads. */
    readonly hops: readonly Hop[],
    readonly openedAtSec: number,
    /** Bytes copied to a holding area before reading (VCB), and how long it took. */
    readonly stagedBytes: number,
    readonly stagingSec: number,
    private readonly holdingArea: HoldingArea | null,
  ) {}

  /** Reads chunk content ids, or says the snapshot was lost meanwhile (check between batches). */
  readChunks(startChunk: number, count: number): ChunkRead {
    assert(!this.closed, 'reading a closed disk reader');
    if (this.holdingArea === null) {
      const read = this.snapshot.disks[this.diskIndex]!.read();
      if (read.kind === 'lost') return { kind: 'snapshot-lost', snapshot: this.snapshot.id, lostAtSec: read.lostAtSec, reason: read.reason };
      assert(read.kind === 'readable', 'reading a deleted snapshot');
    }
    return { kind: 'read', ids: this.image.read(startChunk, count) };
  }

  *close(): ProcessBody<void> {
    if (this.closed) return;
    this.closed = true;
    yield TRANSPORTS[this.transport].closeSec;
    this.holdingArea?.release(this.stagedBytes);
  }
}

export function* openSnapshotDisk(
  sim: Simulation,
  caps: PlatformCapabilities,
  snapshot: VmSnapshot,
  diskIndex: number,
  transport: TransportName,
  routes: ReadRoutes,
  options: OpenOptions = {},
): ProcessBody<OpenResult> {
  const spec: TransportSpec = TRANSPORTS[transport];
  if (!caps.transports.includes(transport)) return unsupported(`transport:${transport}`, `${caps.description} has no ${transport} transport`);
  if (spec.snapshotKinds !== null && !spec.snapshotKinds.includes(snapshot.kind)) {
    return unsupported(`transport:${transport}`, `${transport} reads only ${spec.snapshotKinds.join(', ')} snapshots, not ${snapshot.kind}`);
  }
  const disk = snapshot.disks[diskIndex];
  assert(disk !== undefined, 'opening a disk the snapshot does not have');
  const read = disk.read();
  if (read.kind === 'lost') return { kind: 'snapshot-lost', snapshot: snapshot.id, lostAtSec: read.lostAtSec, reason: read.reason };
  assert(read.kind === 'readable', 'opening a deleted snapshot');
  const route = routes(spec.route, diskIndex);
  if (!route.ok) return { kind: 'transport-unavailable', transport, reason: route.reason };
  if (caps.readAccess === 'in-place') {
    yield spec.openSec;
    return { kind: 'opened', reader: new DiskReader(snapshot, diskIndex, transport, read.image, route.hops, sim.now, 0, 0, null) };
  }
  return yield* stageCopy(sim, snapshot, diskIndex, transport, read.image, route.hops, options.holdingArea);
}

/** VCB: copy the whole allocated snapshot into the holding area, then read it from there. */
function* stageCopy(
  sim: Simulation,
  snapshot: VmSnapshot,
  diskIndex: number,
  transport: TransportName,
  image: ChunkImage,
  routeHops: readonly Hop[],
  area: HoldingArea | undefined,
): ProcessBody<OpenResult> {
  if (area === undefined) return unsupported('holding-area', `${snapshot.id} can only be read after a full copy to a proxy holding area, and none was given`);
  const copy = new FrozenImage(image.read(0, image.chunkCount), image.chunkSizeBytes);
  const stagedBytes = allocatedChunks(copy) * copy.chunkSizeBytes;
  if (!area.reserve(stagedBytes)) {
    return { kind: 'holding-area-too-small', neededBytes: stagedBytes, freeBytes: area.freeBytes, reason: `${area.path} cannot hold a full copy of ${snapshot.disks[diskIndex]!.disk.name}` };
  }
  yield TRANSPORTS[transport].openSec;
  const start = sim.now;
  yield sim.transfer({ name: `${snapshot.id}/disk/${diskIndex}/holding-copy`, sizeBytes: stagedBytes, route: joinHops(routeHops, area.io.hops) });
  const reader = new DiskReader(snapshot, diskIndex, transport, copy, area.io.hops, sim.now, stagedBytes, sim.now - start, area);
  return { kind: 'opened', reader };
}

function allocatedChunks(image: FrozenImage): number {
  const ids = image.read(0, image.chunkCount);
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] !== ZERO_CONTENT) n++;
  return n;
}
