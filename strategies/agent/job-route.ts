/**
 * One flow per disk carries a backup from the guest's storage to the target:
 * every byte read crosses the read path and the guest's CPU, and only the
 * bytes that are sent cross the network and the target. So the flow moves
 * the bytes read, and the network and target hops carry `sent / read` units
 * per byte (compression and source dedupe shrink them; zero and duplicate
 * blocks never leave the guest). One flow instead of a pipeline of stages:
 * an agent streams, so the stages run at the same pace.
 */
import { joinHops } from '../../sim/estate/hops.js';
import type { Hop } from '../../sim/flow/network.js';
import { scaledHops } from './machine-routes.js';

export interface StreamRouteParts {
  /** Route of one byte read (storage, I/O CPU). */
  read: readonly Hop[];
  /** CPU work per byte read (the guest's processing). */
  cpu: readonly Hop[];
  /** From the machine's NIC to the target's NIC. */
  network: readonly Hop[];
  /** Behind the target's NIC, per byte arriving. */
  ingest: readonly Hop[];
}

/** The route of a stream that sends `sentPerByteRead` bytes for every byte it reads. */
export function streamRoute(parts: StreamRouteParts, sentPerByteRead: number): Hop[] {
  return joinHops(parts.read, parts.cpu, scaledHops(parts.network, sentPerByteRead), scaledHops(parts.ingest, sentPerByteRead));
}

/** CPU cycles a route spends on its CPU resources (those counted in cycles/s) when it carries `bytes`. */
export function cyclesOn(hops: readonly Hop[], bytes: number): number {
  let cycles = 0;
  for (const h of hops) if (h.resource.unit === 'cycles/s') cycles += (h.coef ?? 1) * bytes;
  return cycles;
}
