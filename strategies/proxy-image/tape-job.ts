/**
 * A proxy image backup written straight to tape (DOMAIN.md, "backup
 * targets": not every product writes to tape; LTO figures).
 *
 * The job holds a drive of the library for its whole run (it asked for one
 * before the snapshot, so a VM snapshot never waits for a drive). Each disk
 * of the snapshot is opened through the transport as for a disk target and
 * streamed to the drive with `writeToTape`: the feed is one flow through the
 * read path, the proxy's processing and the network to the library, into
 * the drive's channel, and the drive's buffer turns a feed slower than its
 * lowest speed step into backhitches (shoe-shining, sim/estate/tape-buffer.ts).
 * A cartridge that fills is rewound and replaced from the library's stock;
 * an empty stock fails the job.
 *
 * Nothing is deduplicated or compressed on tape: every chunk read is
 * written, as often as the VMs hold it (a design that asked for dedupe gets
 * a note saying so on every job, DESIGN.md decision 8). An incremental
 * writes the changed chunks only and becomes a link of a chain on tape: its
 * catalog entry is based on the machine's previous entry, and a restore
 * reads the base and every link (tape-restore.ts). Each entry keeps the
 * snapshot's images, so a restore returns exactly the point's content.
 */
import { FrozenImage, type ChunkImage } from '../../sim/disk/chunk-image.js';
import { PROXY_CYCLES_PER_BYTE, PROXY_REFERENCE_CLOCK_HZ, PROXY_SIZING, type ProxyProcessing } from '../../sim/estate/defaults.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import type { TapeDrive } from '../../sim/estate/tape-drive.js';
import { writeToTape, type TapeWriteResult } from '../../sim/estate/tape-write.js';
import { joinHops } from '../../sim/flow/hops.js';
import type { TransportName } from '../../sim/platform/transports.js';
import type { VmSnapshot } from '../../sim/platform/vm-snapshot.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { ConsistencyLabel } from '../recorder.js';
import { addTapeWrite, blankTapeFigures } from '../runner/results-tape.js';
import type { ChunksToRead } from './changed-chunks.js';
import type { MachineState, ProxyJobEnv, TapeSink } from './env.js';
import type { Draft } from './job.js';
import { addCycles } from './stream.js';
import { openDisk } from './transport.js';

export interface TapeWrite {
  tape: TapeSink;
  drive: TapeDrive;
  proxy: Proxy;
  order: readonly TransportName[];
  snapshot: VmSnapshot;
  reads: ChunksToRead;
  label: ConsistencyLabel;
}

/** Streams the snapshot's chunks to the held drive, disk after disk, and catalogs the point. */
export function* writeImageToTape(env: ProxyJobEnv, m: ProtectedMachine, state: MachineState, draft: Draft, w: TapeWrite): ProcessBody<void> {
  if (env.options.dedupeAsked && env.options.dedupe !== 'none') draft.notes.push(`dedupe '${env.options.dedupe}' asked, but a tape holds no dedupe index: every chunk read is written`);
  const mode: ProxyProcessing = w.reads.fullRead ? 'full' : 'incremental';
  const chunk = env.world.chunkSizeBytes;
  const diskTapeBytes: number[] = [];
  const totals = (draft.tape = blankTapeFigures(w.drive));
  for (let i = 0; i < w.snapshot.disks.length; i++) {
    const bytes = w.reads.chunks[i]!.length * chunk;
    const r = yield* oneDisk(env, m, w, i, bytes, mode, draft);
    if (typeof r === 'string') {
      draft.outcome = { state: 'failed', reason: r };
      return;
    }
    diskTapeBytes.push(r.bytesWritten);
    draft.bytesSent += r.bytesWritten;
    draft.bytesStored += r.bytesWritten;
    addTapeWrite(totals, r);
    if (r.state === 'out-of-media') {
      draft.outcome = { state: 'failed', reason: `${w.tape.library.path} ran out of cartridges after ${Math.round(draft.bytesStored)} B of ${m.path}` };
      return;
    }
  }
  draft.notes.push(
    `${w.drive.path}: ${totals.backhitches} backhitch(es), ${totals.repositionSec.toFixed(1)} s repositioning, ${totals.streamingSec.toFixed(1)} s streaming, ` +
      `${totals.stalledSec.toFixed(1)} s feed stalled, ${totals.cartridgesLoaded} cartridge(s) loaded`,
  );
  catalogPoint(env, m, state, draft, w, diskTapeBytes);
}

function* oneDisk(env: ProxyJobEnv, m: ProtectedMachine, w: TapeWrite, i: number, bytes: number, mode: ProxyProcessing, draft: Draft): ProcessBody<TapeWriteResult | string> {
  const opened = yield* openDisk(env, m, w.proxy, w.snapshot, i, w.order);
  draft.notes.push(...opened.notes);
  if (!opened.ok) return `disk ${i} could not be opened: ${opened.reason}`;
  const reader = opened.reader;
  draft.bytesRead += reader.stagedBytes > 0 ? reader.stagedBytes : bytes;
  const route = joinHops(reader.hops, w.proxy.processingHops(mode), env.toTarget.get(w.proxy)!);
  const r = yield* writeToTape(env.sim, w.tape.library, w.drive, {
    name: `${m.path}/disk/${i}/tape`,
    sizeBytes: bytes,
    route,
    rateCapBytesPerSec: (PROXY_REFERENCE_CLOCK_HZ * PROXY_SIZING.coresPerTask) / PROXY_CYCLES_PER_BYTE[mode],
  });
  addCycles(draft.cpuCycles, route, r.bytesWritten);
  const still = w.snapshot.disks[i]!.read();
  yield* reader.close();
  if (still.kind !== 'readable') return `snapshot of disk ${i} ${still.kind === 'lost' ? `lost during the read: ${still.reason}` : 'deleted during the read'}`;
  return r;
}

/** The point, as an entry of the run's tape catalog: whole, or a link based on the machine's previous entry. */
function catalogPoint(env: ProxyJobEnv, m: ProtectedMachine, state: MachineState, draft: Draft, w: TapeWrite, diskTapeBytes: number[]): void {
  const images = w.snapshot.disks.map((d) => freeze(d.image));
  const logicalBytes = images.reduce((sum, im) => sum + nonZeroChunks(im) * im.chunkSizeBytes, 0);
  const link = !w.reads.fullRead && state.lastTape !== null;
  const index = w.tape.catalog.entries().length;
  w.tape.catalog.add({
    machine: m.path,
    pointSec: w.snapshot.createdAtSec,
    sourcePointId: null,
    sourceTarget: null,
    library: w.tape.library.name,
    images,
    tapeBytes: draft.bytesStored,
    logicalBytes,
    copiedSec: env.sim.now,
    ...(link ? { basedOn: state.lastTape!, diskTapeBytes } : {}),
  });
  state.lastTape = w.tape.catalog.entries()[index]!;
  draft.restorePointId = `${w.tape.library.name}#tape/${index}`;
  draft.pointSec = w.snapshot.createdAtSec;
  draft.bytesLogical = logicalBytes;
  draft.notes.push(link ? `tape chain: link ${chainLength(state.lastTape)} on ${w.tape.library.name}#tape/${w.tape.catalog.entries().indexOf(state.lastTape.basedOn!)}` : 'tape: whole image');
}

function chainLength(e: { basedOn?: unknown }): number {
  let n = 0;
  for (let x: { basedOn?: unknown } | undefined = e; x !== undefined; x = x.basedOn as { basedOn?: unknown } | undefined) n++;
  return n;
}

function freeze(image: ChunkImage): FrozenImage {
  return new FrozenImage(image.read(0, image.chunkCount), image.chunkSizeBytes);
}

function nonZeroChunks(image: ChunkImage): number {
  let n = 0;
  for (const id of image.read(0, image.chunkCount)) if (id !== 0) n++;
  return n;
}
