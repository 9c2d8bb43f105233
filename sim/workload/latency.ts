/**
 * Latency inflation from utilisation: the queueing formula (DESIGN.md,
 * decision 5).
 *
 * Each stage of an application's I/O path (the hypervisor's I/O path on the
 * host CPU, the storage link, the datastore) is treated as an M/M/1 queue.
 * With service latency S at zero load and utilisation rho, the mean response
 * time is
 *
 *     R = S / (1 - rho),   rho clamped to RHO_MAX = 0.99,
 *
 * so a saturated stage (a backup stream holding a datastore at 100%) inflates
 * by a bounded, documented factor of 1 / (1 - 0.99) = 100 instead of infinity.
 * A stage served by several resources (a datastore's bandwidth and its IOPS)
 * takes the busiest one's utilisation: the queue forms at the bottleneck. A
 * resource with no capacity counts as saturated.
 *
 * A path's latency is the sum of its stages' (the stages are in series); a
 * machine with disks on several datastores has the share-weighted mean of its
 * paths. Latency inflation is that latency divided by the same sum at zero
 * load: 1 means no slowdown.
 *
 * Machines on one host and datastore read the same stages, so an impact
 * monitor's meters share one `SharedInflation` per distinct model: it
 * evaluates the model once per change of usage anywhere (usage-watch.ts), not
 * once per meter, and every meter gets the very number it would have computed.
 */
import type { AppIoPath } from '../estate/index.js';
import { probeOf, usageGeneration, type UsageProbe } from '../estate/usage-watch.js';
import type { InflationHistory } from './inflation-history.js';

/** The highest utilisation the formula uses; beyond it latency would be unbounded. */
export const RHO_MAX = 0.99;

/** The largest inflation one stage (and so any path) can show: 1 / (1 - RHO_MAX). */
export const MAX_LATENCY_INFLATION = 1 / (1 - RHO_MAX);

/** M/M/1 mean response time of a stage with zero-load latency `baseMs` at utilisation `rho`. */
export function stageLatencyMs(baseMs: number, rho: number): number {
  return baseMs / (1 - Math.min(Math.max(rho, 0), RHO_MAX));
}

/** The utilisation a stage queues at: its busiest resource's. */
export function stageUtilisation(probes: readonly UsageProbe[]): number {
  let rho = 0;
  for (const p of probes) rho = Math.max(rho, p.utilisation);
  return rho;
}

/** A stage with its resources' probes resolved once, so evaluating it is a few array reads. */
interface ProbedStage {
  baseLatencyMs: number;
  probes: UsageProbe[];
  /** Weight of the stage: the share of the machine's I/O on the path it belongs to. */
  share: number;
}

/**
 * The latency model of one machine's application I/O over all its paths.
 * (Its methods loop rather than pass arrows to flatMap/map/reduce: V8 drops an
 * arrow's optimized code when the arrow dies, so arrows made per machine are
 * optimized again in every run.)
 */
export class IoLatencyModel {
  private readonly stages: ProbedStage[] = [];
  /** Share-weighted latency at zero load, ms. */
  readonly baseLatencyMs: number;

  constructor(paths: readonly AppIoPath[]) {
    for (const p of paths) {
      for (const s of p.stages) {
        // Pushed, not mapped, so the probe lists are always packed arrays (V8's optimized map() makes
        // holey ones) and the latency evaluation is not deoptimized by the other kind.
        const probes: UsageProbe[] = [];
        for (const r of s.resources) probes.push(probeOf(r));
        this.stages.push({ baseLatencyMs: s.baseLatencyMs, probes, share: p.share });
      }
    }
    let base = 0;
    for (const s of this.stages) base += s.share * s.baseLatencyMs;
    this.baseLatencyMs = base;
  }

  /** Share-weighted mean latency at the current utilisations, ms. */
  latencyMs(): number {
    let sum = 0;
    for (const s of this.stages) sum += s.share * stageLatencyMs(s.baseLatencyMs, stageUtilisation(s.probes));
    return sum;
  }

  /** latencyMs() / baseLatencyMs (1 when the path has no latency at all). */
  inflation(): number {
    return this.baseLatencyMs > 0 ? this.latencyMs() / this.baseLatencyMs : 1;
  }

  /** Every resource whose utilisation the model reads. */
  resources(): UsageProbe['resource'][] {
    const out: UsageProbe['resource'][] = [];
    for (const s of this.stages) for (const p of s.probes) out.push(p.resource);
    return out;
  }

  /** Equal for two models that compute the same inflation (same stages, latencies, shares and resources, in order). */
  get key(): string {
    const stages: string[] = [];
    for (const s of this.stages) {
      const ids: number[] = [];
      for (const p of s.probes) ids.push(p.resource.id);
      stages.push(`${s.share}/${s.baseLatencyMs}/${ids.join(',')}`);
    }
    return stages.join('|');
  }
}

/** One model's inflation, re-evaluated only when some probe has changed since the last evaluation. */
export class SharedInflation {
  /** model.inflation() as of the last `refresh()`. */
  value = 1;
  /** The values over time, for meters that catch up later (made by the first such meter). */
  history: InflationHistory | null = null;
  private atGeneration = -1;

  constructor(readonly model: IoLatencyModel) {}

  /** model.inflation() now (the same number, bit for bit). */
  current(): number {
    this.refresh();
    return this.value;
  }

  /**
   * Brings `value` up to date. Meters call this and read the field rather than
   * take `current()`'s result: a double returned from a call V8 does not
   * inline is a new heap number, and meters ask at every change of load.
   */
  refresh(): void {
    const g = usageGeneration();
    if (g !== this.atGeneration) {
      this.value = this.model.inflation();
      this.atGeneration = g;
    }
  }
}

/** Shared inflations by model key: one registry per set of meters that may share. */
export class SharedInflations {
  private readonly byKey = new Map<string, SharedInflation>();

  of(model: IoLatencyModel): SharedInflation {
    const key = model.key;
    let shared = this.byKey.get(key);
    if (shared === undefined) {
      shared = new SharedInflation(model);
      this.byKey.set(key, shared);
    }
    return shared;
  }
}
