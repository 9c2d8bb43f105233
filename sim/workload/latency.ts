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
 */
import type { AppIoPath, LatencyStage } from '../estate/index.js';
import { probeOf, type UsageProbe } from '../estate/usage-watch.js';

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

/** The latency model of one machine's application I/O over all its paths. */
export class IoLatencyModel {
  private readonly stages: ProbedStage[];
  /** Share-weighted latency at zero load, ms. */
  readonly baseLatencyMs: number;

  constructor(paths: readonly AppIoPath[]) {
    this.stages = paths.flatMap((p) => p.stages.map((s: LatencyStage) => ({ baseLatencyMs: s.baseLatencyMs, probes: s.resources.map(probeOf), share: p.share })));
    this.baseLatencyMs = this.stages.reduce((sum, s) => sum + s.share * s.baseLatencyMs, 0);
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
    return this.stages.flatMap((s) => s.probes.map((p) => p.resource));
  }
}
