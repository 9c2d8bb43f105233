/**
 * Options of the proxy image backup design, their defaults (filled in one
 * place) and their validation (STYLE.md, principle 7). Variants are options
 * plus what each machine's platform can do, never a switch on platform names:
 * VCB is what a proxy does on a platform whose snapshots are copied to a
 * holding area; VADP + CBT is the same job on a platform that reads in place
 * and tracks changes; backup from array snapshots is `snapshot: 'array'`.
 */
import { ConfigError } from '../../sim/engine/errors.js';
import { requireFraction, requireOneOf } from '../../sim/disk/config-checks.js';
import { GIB } from '../../sim/disk/units.js';
import { requirePlatformVersions } from '../../sim/platform/platform-versions.js';
import { requireTransport, type TransportName } from '../../sim/platform/transports.js';
import { CHAIN_MODES, DEDUPE_PLACEMENTS, type ChainMode, type DedupePlacement, type RetentionPolicy } from '../../sim/repository/index.js';
import { resolveNightlySchedule, type NightlySchedule, type ResolvedNightlySchedule } from '../schedule/index.js';
import { definedOnly } from '../runner/defined-only.js';

/** Central scheduling limits; `null` lifts a limit. */
export interface ProxyLimits {
  /** VM snapshots open at once per datastore. Default 4 (Veeam's default, DOMAIN.md). */
  perDatastore?: number | null;
  /** Backup jobs at once per host. Default null (no limit). */
  perHost?: number | null;
  /** 'task-slots': one proxy task per VM disk, bounded by the proxy's slots (default); null: unbounded. */
  perProxy?: 'task-slots' | null;
}

/** Latency-based throttling: no new job starts while its datastores or their VMs are this loaded. */
export interface ThrottleOptions {
  /** Highest utilisation (bandwidth or IOPS) of any of the VM's datastores at which a new job may start. */
  maxDatastoreUtilisation?: number;
  /** Highest application latency inflation of any VM on those datastores at which a new job may start. */
  maxVmLatencyInflation?: number;
  /** How often a held-back job looks again, seconds. Default 60. */
  checkEverySec?: number;
  /** A job held back this long starts anyway (and says so). Default 4 h. */
  maxWaitSec?: number;
}

/** A VCB proxy's holding area (illustrative figures for a local RAID set of the period). */
export interface HoldingAreaOptions {
  capacityBytes?: number;
  bandwidthBytesPerSec?: number;
  iops?: number;
}

export interface ProxyImageOptions {
  /** Estate target (disk or dedupe appliance). Default: the first such target. */
  target?: string;
  /** Proxies the design may use. Default: every proxy of the estate. */
  proxies?: readonly string[];
  /**
   * Platform versions the product has image backup for (DOMAIN.md: fewer products support
   * Hyper-V than VADP, fewer still XenServer). Default: every platform with an image snapshot API.
   */
  platforms?: readonly string[];
  /** Preferred transport; where a platform lacks it, or a proxy cannot use it, the next one the platform lists is used. */
  transport?: TransportName;
  /** Try the platform's other transports when the preferred one fails (default true); false: the job fails. */
  transportFallback?: boolean;
  /** 'software': the hypervisor's own snapshot; 'array': back up from a storage snapshot (the VM snapshot lives seconds). */
  snapshot?: 'software' | 'array';
  /** Quiesce through the guest tools before the snapshot (default true). */
  quiesce?: boolean;
  /** Also save the running state (XenServer, Windows guests only). Default false. */
  memorySnapshot?: boolean;
  /** Use the platform's change tracking for incrementals (default true); false: every night reads everything. */
  changeTracking?: boolean;
  /** Default 'source'. A tape target holds no dedupe: asking for it there is noted on every job. */
  dedupe?: DedupePlacement;
  /** Default 'forward' (weekly active full, forward incrementals). */
  chainMode?: ChainMode;
  schedule?: NightlySchedule;
  /** Default: keep 14 points per machine. */
  retention?: RetentionPolicy;
  limits?: ProxyLimits;
  /** Default: no throttling. */
  throttle?: ThrottleOptions | null;
  holdingArea?: HoldingAreaOptions;
}

export interface ResolvedProxyImageOptions {
  target: string | null;
  proxies: readonly string[] | null;
  /** Null: every platform with an image snapshot API. */
  platforms: readonly string[] | null;
  transport: TransportName | null;
  transportFallback: boolean;
  snapshot: 'software' | 'array';
  quiesce: boolean;
  memorySnapshot: boolean;
  changeTracking: boolean;
  dedupe: DedupePlacement;
  /** The design named a dedupe placement (a tape target notes that it cannot honour one). */
  dedupeAsked: boolean;
  chainMode: ChainMode;
  schedule: ResolvedNightlySchedule;
  retention: RetentionPolicy;
  limits: { perDatastore: number | null; perHost: number | null; perProxy: 'task-slots' | null };
  throttle: Required<ThrottleOptions> | null;
  holdingArea: Required<HoldingAreaOptions>;
}

export const PROXY_IMAGE_DEFAULTS = {
  /** Veeam: at most 4 open snapshots per datastore by default (DOMAIN.md). */
  snapshotsPerDatastore: 4,
  keepPoints: 14,
  throttleCheckEverySec: 60,
  throttleMaxWaitSec: 4 * 3600,
  // Illustrative: a local RAID set in a proxy server of 2009.
  holdingArea: { capacityBytes: 2048 * GIB, bandwidthBytesPerSec: 400e6, iops: 4_000 },
} as const;

export function resolveProxyImageOptions(name: string, o: ProxyImageOptions = {}): ResolvedProxyImageOptions {
  const c = `design/${name}`;
  return {
    target: o.target ?? null,
    proxies: o.proxies ?? null,
    platforms: o.platforms === undefined ? null : requirePlatformVersions(c, 'platforms', o.platforms),
    transport: o.transport === undefined ? null : requireTransport(c, o.transport),
    transportFallback: o.transportFallback ?? true,
    snapshot: requireOneOf(c, 'snapshot', ['software', 'array'], o.snapshot ?? 'software'),
    quiesce: o.quiesce ?? true,
    memorySnapshot: o.memorySnapshot ?? false,
    changeTracking: o.changeTracking ?? true,
    dedupe: requireOneOf(c, 'dedupe', DEDUPE_PLACEMENTS, o.dedupe ?? 'source'),
    dedupeAsked: o.dedupe !== undefined,
    chainMode: requireOneOf(c, 'chainMode', CHAIN_MODES, o.chainMode ?? 'forward'),
    schedule: resolveNightlySchedule(c, o.schedule),
    retention: resolveRetention(c, o.retention),
    limits: {
      perDatastore: optionalLimit(c, 'limits.perDatastore', o.limits?.perDatastore, PROXY_IMAGE_DEFAULTS.snapshotsPerDatastore),
      perHost: optionalLimit(c, 'limits.perHost', o.limits?.perHost, null),
      perProxy: o.limits?.perProxy === null ? null : 'task-slots',
    },
    throttle: resolveThrottle(c, o.throttle ?? null),
    holdingArea: { ...PROXY_IMAGE_DEFAULTS.holdingArea, ...definedOnly(o.holdingArea ?? {}) },
  };
}

function resolveRetention(c: string, r: RetentionPolicy | undefined): RetentionPolicy {
  if (r === undefined) return { keepPoints: PROXY_IMAGE_DEFAULTS.keepPoints };
  const n = 'keepPoints' in r ? r.keepPoints : r.keepDays;
  if (!(Number.isSafeInteger(n) && n >= 1)) throw new ConfigError(c, 'retention', r, 'keep a whole number >= 1 of points or days');
  return r;
}

function optionalLimit(c: string, field: string, value: number | null | undefined, fallback: number | null): number | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  if (!(Number.isSafeInteger(value) && value >= 1)) throw new ConfigError(c, field, value, 'be a whole number >= 1, or null for no limit');
  return value;
}

function resolveThrottle(c: string, t: ThrottleOptions | null): Required<ThrottleOptions> | null {
  if (t === null) return null;
  const out = {
    maxDatastoreUtilisation: t.maxDatastoreUtilisation ?? 1,
    maxVmLatencyInflation: t.maxVmLatencyInflation ?? Infinity,
    checkEverySec: t.checkEverySec ?? PROXY_IMAGE_DEFAULTS.throttleCheckEverySec,
    maxWaitSec: t.maxWaitSec ?? PROXY_IMAGE_DEFAULTS.throttleMaxWaitSec,
  };
  requireFraction(c, 'throttle.maxDatastoreUtilisation', out.maxDatastoreUtilisation);
  if (!(out.maxVmLatencyInflation >= 1)) throw new ConfigError(c, 'throttle.maxVmLatencyInflation', out.maxVmLatencyInflation, 'be >= 1');
  if (!(Number.isFinite(out.checkEverySec) && out.checkEverySec > 0)) throw new ConfigError(c, 'throttle.checkEverySec', out.checkEverySec, 'be a finite number > 0');
  if (!(out.maxWaitSec >= 0)) throw new ConfigError(c, 'throttle.maxWaitSec', out.maxWaitSec, 'be >= 0');
  return out;
}
