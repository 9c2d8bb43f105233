/**
 * Production workloads (demand-capped flows with a daily profile) and the
 * measurement of their impact: delivered vs demanded throughput and latency
 * inflation from the utilisation of every resource on the application's path.
 */
export { startWorkloads } from './start-workloads.js';
export { Workload } from './workload.js';
export { startDemandClock } from './demand-clock.js';
export { resolveWorkload, iosPerByte, WORKLOAD_DEFAULTS, type WorkloadSpec, type ResolvedWorkload, type IoMix } from './workload-spec.js';
export { HourlyProfile, hourIndexAt, HOURS_PER_DAY, type HourlyProfileSpec } from './hourly-profile.js';
export { RHO_MAX, MAX_LATENCY_INFLATION, stageLatencyMs, stageUtilisation, IoLatencyModel, SharedInflation, SharedInflations } from './latency.js';
export {
  ImpactMonitor,
  IMPACT_DEFAULTS,
  type ImpactMonitorOptions,
  type VmImpact,
  type HostImpact,
  type ImpactSeries,
  type Throughput,
  type Spread,
} from './impact-monitor.js';
export { ImpactMeter } from './impact-meter.js';
export { UtilisationMeter } from './utilisation-meter.js';
export { BucketSeries } from './bucket-series.js';
export { TimeHistogram } from './time-histogram.js';
