/**
 * The catalog: restore points, the chains that hold them, and the machines
 * they protect. These are the repository's internal records; callers see
 * `RestorePointInfo` copies (restore-point-info.ts).
 *
 * A chain is one full plus the increments that depend on it, like a Veeam
 * backup chain. Its points are in time order and exactly one of them, the
 * anchor, holds the full map (full-map.ts); points before the anchor are reverse
 * increments (each relative to the next newer point), points after it are
 * forward increments (each relative to the next older point). Every chain
 * kind is this shape:
 * - forward incremental with periodic fulls: anchor first, increments after;
 *   a new active or synthetic full starts a new chain;
 * - forever-forward incremental: the same, and retention merges the oldest
 *   increment into the full, which moves the anchor one point forward;
 * - reverse incremental: the anchor is always the newest point; each backup
 *   turns the previous newest point into a reverse increment;
 * - a synthetic full with rollbacks moves the anchor to the newest point and
 *   turns every older point into a reverse increment.
 * A point can therefore always be rebuilt from the anchor by applying the
 * deltas between them, and the only points nothing depends on are the
 * chain's two ends.
 */
import type { BlockBits } from './block-bits.js';
import type { DeltaMap, DiskGeometry } from './block-maps.js';
import type { FullMap } from './full-map.js';
import type { FileMoveCost } from './repository-io.js';

/** How the point's data was produced. */
export type PointKind = 'full' | 'incremental' | 'synthetic-full';

/** How the point is stored now (changes as chains are transformed). */
export type PointForm = 'full' | 'forward-increment' | 'reverse-increment';

/** How a chain grows and how retention shrinks it (see the file header). */
export type ChainMode = 'forward' | 'forever-forward' | 'reverse';

export const CHAIN_MODES: readonly ChainMode[] = ['forward', 'forever-forward', 'reverse'];

export interface ChainDisk extends DiskGeometry {
  readonly name: string;
}

export type PointFile =
  | { form: 'full'; maps: FullMap[] }
  | { form: 'forward-increment' | 'reverse-increment'; deltas: DeltaMap[] };

export interface PointRecord<L extends string> {
  readonly id: number;
  readonly machine: string;
  readonly timeSec: number;
  readonly consistency: L;
  kind: PointKind;
  chain: ChainRecord<L>;
  /** Per disk, in the chain's disk order. */
  file: PointFile;
  /** Per disk: logical bytes of the non-zero blocks of the image at this point. */
  readonly diskLogicalBytes: number[];
  /** Physical bytes that landed on the repository's disks when the point was created. */
  readonly writtenPhysicalBytes: number;
  /** For a forward increment written by a backup: what moving its blocks costs (a merge charges it). */
  moveCost: FileMoveCost | null;
}

export interface ChainRecord<L extends string> {
  readonly id: number;
  readonly machine: string;
  readonly mode: ChainMode;
  readonly disks: readonly ChainDisk[];
  /** Kept points, oldest first. */
  points: PointRecord<L>[];
  /** Index in `points` of the point holding the dense full. */
  anchor: number;
  /** False once a synthetic full moved the newest point to a new chain: no more backups join it. */
  open: boolean;
  /** Per disk: the non-zero blocks of the chain's newest point, so a forward increment's logical size is exact. */
  readonly headNonZero: BlockBits[];
}

export interface MachineRecord<L extends string> {
  readonly name: string;
  /** Chains with kept points, oldest first; the last one takes new increments if open. */
  chains: ChainRecord<L>[];
  /** Time of the newest point ever committed (backups of a machine must move forward in time). */
  latestTimeSec: number;
}

export class Catalog<L extends string> {
  /** Kept points by id; iteration follows creation order. */
  readonly points = new Map<number, PointRecord<L>>();
  /** Machines in order of their first backup. */
  readonly machines = new Map<string, MachineRecord<L>>();
  /** Allocation arena per machine (chunk-store.ts), in order of first use. */
  private readonly arenas = new Map<string, number>();
  private nextPointId = 1;
  private nextChainId = 1;
  private nextContainer = 1;

  newPointId(): number {
    return this.nextPointId++;
  }

  newChainId(): number {
    return this.nextChainId++;
  }

  /** A fresh write batch ("container") number: one per operation that lands new blocks. */
  newContainer(): number {
    return this.nextContainer++;
  }

  /** The machine's allocation arena: its blocks share pages of records, so its work stays in cache. */
  arenaOf(machine: string): number {
    let arena = this.arenas.get(machine);
    if (arena === undefined) {
      arena = this.arenas.size;
      this.arenas.set(machine, arena);
    }
    return arena;
  }

  machine(name: string): MachineRecord<L> {
    let m = this.machines.get(name);
    if (m === undefined) {
      m = { name, chains: [], latestTimeSec: -Infinity };
      this.machines.set(name, m);
    }
    return m;
  }

  /** The chain a machine's next incremental joins, if any. */
  currentChain(machine: string): ChainRecord<L> | undefined {
    const chains = this.machines.get(machine)?.chains;
    const last = chains?.[chains.length - 1];
    return last?.open === true ? last : undefined;
  }

  /** The machine's newest kept point, if any. */
  latestPoint(machine: string): PointRecord<L> | undefined {
    const chains = this.machines.get(machine)?.chains;
    const last = chains?.[chains.length - 1];
    return last?.points[last.points.length - 1];
  }
}

/** The chain's newest point. */
export function headOf<L extends string>(chain: ChainRecord<L>): PointRecord<L> {
  return chain.points[chain.points.length - 1]!;
}

/** Sum of a point's per-disk logical bytes. */
export function pointLogicalBytes(point: PointRecord<string>): number {
  let sum = 0;
  for (const b of point.diskLogicalBytes) sum += b;
  return sum;
}
