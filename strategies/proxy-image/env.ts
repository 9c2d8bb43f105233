/** Everything a proxy image job needs from its design, built once in `start()`. */
import { fail } from '../../sim/engine/errors.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import type { Hop } from '../../sim/flow/network.js';
import type { TapeLibrary } from '../../sim/estate/tape-library.js';
import type { World } from '../../sim/world/world.js';
import type { TapeCatalog, TapeEntry } from '../restore/tape-catalog.js';
import type { DesignContext } from '../protocol.js';
import type { TargetRepository } from '../target-repository.js';
import type { HoldingAreas } from './holding-areas.js';
import type { CentralLimits } from './limits.js';
import type { ResolvedProxyImageOptions } from './options.js';
import type { ProxyImageSetup } from './plan.js';
import type { ReadRouteCache } from './read-route-cache.js';
import type { Throttle } from './throttle.js';

/** What the design remembers about a machine between its jobs. */
export interface MachineState {
  /** Change ids of the snapshot of the last committed point, by disk (null before the first, or without tracking). */
  changeIds: readonly (string | null)[] | null;
  /** A job of this machine is running (the next night's job is skipped). */
  running: boolean;
  /** The machine's newest point on tape (the base of the next incremental there); null before the first, or on disk. */
  lastTape: TapeEntry | null;
}

/** Where a design that writes straight to tape puts its points. */
export interface TapeSink {
  library: TapeLibrary;
  /** The run's tape catalog (DesignContext.tape), shared with restores. */
  catalog: TapeCatalog;
}

export interface ProxyJobEnv {
  readonly sim: Simulation;
  readonly world: World;
  readonly design: string;
  readonly ctx: DesignContext;
  readonly options: ResolvedProxyImageOptions;
  /** The repository written to; null when the target is a tape library (`tape`). */
  readonly repo: TargetRepository | null;
  readonly tape: TapeSink | null;
  readonly setup: ProxyImageSetup;
  readonly limits: CentralLimits;
  readonly throttle: Throttle | null;
  readonly holding: HoldingAreas;
  /** Network route from each proxy to the target's NIC. */
  readonly toTarget: ReadonlyMap<Proxy, readonly Hop[]>;
  /** How each proxy reads each disk, built once (shared, read-only answers). */
  readonly readRoutes: ReadRouteCache;
  readonly machines: Map<string, MachineState>;
  /** Plans made and not yet committed or aborted: garbage collection waits for none (a source-dedupe plan relies on blocks it skipped). */
  openPlans: number;
}

/** The repository of a design that writes to disk (a programmer error to ask on a tape design). */
export function repoOf(env: ProxyJobEnv): TargetRepository {
  if (env.repo === null) fail(`design ${env.design} writes to tape: it has no repository`);
  return env.repo;
}
