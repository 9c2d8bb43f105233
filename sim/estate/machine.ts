/**
 * What a production workload needs from the machine it runs on, whether a VM
 * or a physical server: where its compute runs and which resources one byte
 * of its application I/O crosses. The workload layer uses only this interface,
 * never the concrete kind.
 */
import type { Hop } from '../flow/network.js';
import type { IoMix, ResolvedWorkload } from '../workload/workload-spec.js';
import type { LatencyStage } from './hops.js';

/** Application I/O to one storage device: its share of the machine's I/O, its route and its latency stages. */
export interface AppIoPath {
  /** Path of the storage device (`datastore/gold-01`, `physical/db-01/disk`). */
  readonly device: string;
  /** Fraction of the machine's application I/O going here; the shares sum to 1. */
  readonly share: number;
  readonly hops: readonly Hop[];
  readonly stages: readonly LatencyStage[];
}

export interface Machine {
  readonly kind: 'vm' | 'physical';
  /** `vm/web-017` or `physical/db-01`. */
  readonly path: string;
  readonly name: string;
  /** The host's name for a VM; null for a physical server. */
  readonly hostName: string | null;
  /** Clock of the cores its compute runs on, Hz (converts core demand to cycles/s). */
  readonly clockHz: number;
  /** Its configured workload, or null when idle. */
  readonly workload: ResolvedWorkload | null;
  /** Route of compute work, in cycles. */
  computeHops(): Hop[];
  /** Routes of application I/O with the given mix, one per storage device. */
  appIoPaths(mix: IoMix): AppIoPath[];
}
