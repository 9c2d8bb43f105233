/**
 * The backup stream of one disk as a single flow: a pipeline moves at the
 * pace of its slowest stage, so one flow whose route carries every stage,
 * each with the bytes it handles per byte read, is both the faithful and the
 * cheap model (one flow per disk, not one per stage).
 *
 * Per byte read from the snapshot: the read path (transport) once; the
 * proxy's processing once (Veeam's per-core figures, full or incremental);
 * fingerprinting on the proxy for the bytes it hashes (source dedupe); and,
 * for the bytes that cross the network (only new blocks and fingerprints
 * under source dedupe, everything under target dedupe), the network path to
 * the target and what lies behind the target's NIC (its disks, or the
 * appliance CPU that dedupes on ingest). Sizes come from the repository's
 * ingest plan, never from the design.
 */
import type { Proxy } from '../../sim/estate/proxy.js';
import { PROXY_CYCLES_PER_BYTE, PROXY_REFERENCE_CLOCK_HZ, PROXY_SIZING, type ProxyProcessing } from '../../sim/estate/defaults.js';
import type { Hop } from '../../sim/flow/network.js';
import type { IngestTraffic } from '../../sim/repository/index.js';
import { scaleHops } from '../../sim/snapshot/storage-io.js';
import type { JobRecord } from '../recorder.js';
import { joinHops } from '../../sim/flow/hops.js';

/**
 * Fingerprinting cost at the source, cycles per byte hashed. Illustrative:
 * SHA-256 in software runs at roughly 15 cycles per byte on CPUs of the
 * period (no SHA extensions); the proxy's per-byte processing figure covers
 * reading, compressing and sending.
 */
export const SOURCE_FINGERPRINT_CYCLES_PER_BYTE = 15;

export interface StreamParts {
  readHops: readonly Hop[];
  proxy: Proxy;
  mode: ProxyProcessing;
  toTarget: readonly Hop[];
  targetIngest: readonly Hop[];
}

/** Route of one byte read, every stage weighted by the bytes it handles per byte read. */
export function streamRoute(parts: StreamParts, traffic: IngestTraffic): Hop[] {
  const read = traffic.bytesReadAtSource;
  const hashed = read > 0 ? traffic.bytesHashedAtSource / read : 0;
  const sent = read > 0 ? traffic.bytesSent / read : 0;
  const hashing = scaleHops(parts.proxy.processingHops('full'), SOURCE_FINGERPRINT_CYCLES_PER_BYTE / PROXY_CYCLES_PER_BYTE.full);
  const pieces: (readonly Hop[])[] = [parts.readHops, parts.proxy.processingHops(parts.mode)];
  if (hashed > 0) pieces.push(scaleHops(hashing, hashed));
  if (sent > 0) pieces.push(scaleHops(parts.toTarget, sent), scaleHops(parts.targetIngest, sent));
  return joinHops(...pieces).filter(costsSomething);
}

/** A module-level predicate, not an arrow made per job, so V8 keeps its optimized code from one run to the next. */
function costsSomething(h: Hop): boolean {
  return (h.coef ?? 1) > 0;
}

/**
 * The fastest one task can go, bytes read per second. A task (one VM disk)
 * runs on about one core (Veeam proxy sizing, DOMAIN.md), so however idle the
 * proxy, one stream cannot use more cycles per second than a core has: its
 * processing plus its fingerprinting per byte read bound it. This is what
 * makes the number of concurrent tasks matter to throughput and contention.
 */
export function taskRateCapBytesPerSec(mode: ProxyProcessing, traffic: IngestTraffic): number {
  const read = traffic.bytesReadAtSource;
  const hashedPerRead = read > 0 ? traffic.bytesHashedAtSource / read : 0;
  const cyclesPerByte = PROXY_CYCLES_PER_BYTE[mode] + SOURCE_FINGERPRINT_CYCLES_PER_BYTE * hashedPerRead;
  return (PROXY_REFERENCE_CLOCK_HZ * PROXY_SIZING.coresPerTask) / cyclesPerByte;
}

type CpuAccount = JobRecord['cpuCycles'];

/** Where a CPU resource's cycles count, read from its component path (`host/`, `proxy/`, `target/`, `vm/`). */
function cpuSide(name: string): keyof CpuAccount | null {
  if (name.startsWith('host/')) return 'host';
  if (name.startsWith('proxy/')) return 'proxy';
  if (name.startsWith('target/')) return 'target';
  if (name.startsWith('vm/') || name.startsWith('physical/')) return 'guest';
  return null;
}

/**
 * Adds the cycles `bytes` cost on every CPU of a route. A virtual appliance's
 * work shows twice on purpose: on its vCPUs (proxy) and on its host's CPU
 * (host), because both are true and the host's is what production feels.
 */
export function addCycles(into: CpuAccount, route: readonly Hop[], bytes: number): void {
  for (const h of route) {
    if (h.resource.unit !== 'cycles/s') continue;
    const side = cpuSide(h.resource.name);
    if (side !== null) into[side] += (h.coef ?? 1) * bytes;
  }
}

