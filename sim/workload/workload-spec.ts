/**
 * A production workload as data: how much I/O and CPU an application demands,
 * its read/write mix and I/O sizes, and its daily shape. Defaults are filled in
 * `resolveWorkload`, the one place, and validated there before a run starts.
 *
 * The default figures are illustrative (DOMAIN.md gives no application I/O
 * rates): a modest business application doing a few MB/s. The write rate is a
 * parameter in bytes/s so that it can later be driven by, or drive, the disk
 * change process (`sim/disk/`), which shares the daily profile names.
 */
import { ConfigError, requireNonNegative, requirePositive } from '../engine/errors.js';
import { KIB } from '../disk/units.js';
import { HourlyProfile, type HourlyProfileSpec } from './hourly-profile.js';

export interface WorkloadSpec {
  /** Read demand at multiplier 1, bytes/s. Default 4e6. */
  readBytesPerSec?: number;
  /** Write demand at multiplier 1, bytes/s. Default 2e6. */
  writeBytesPerSec?: number;
  /** Bytes per read I/O. Default 32 KiB. */
  readIoSizeBytes?: number;
  /** Bytes per write I/O. Default 16 KiB. */
  writeIoSizeBytes?: number;
  /** Compute demand at multiplier 1, in cores of the machine's clock. Default 0.5. */
  cpuDemandCores?: number;
  /** Hourly demand multipliers (a name or 24 numbers). Default 'business-hours'. */
  profile?: HourlyProfileSpec;
  /**
   * Hour-to-hour randomness: each hour's demand is also multiplied by a
   * log-normal factor with mean 1 and this log-standard-deviation. Default 0.1;
   * 0 makes demand follow the profile exactly.
   */
  hourlyJitterSigma?: number;
  /** Share weight of the workload's flows under contention. Default 1. */
  weight?: number;
}

/** How one byte of application I/O divides into reads and writes, and their sizes. */
export interface IoMix {
  /** Fraction of bytes that are reads, in [0, 1]. */
  readFraction: number;
  readIoSizeBytes: number;
  writeIoSizeBytes: number;
}

export interface ResolvedWorkload extends IoMix {
  readBytesPerSec: number;
  writeBytesPerSec: number;
  cpuDemandCores: number;
  profile: HourlyProfile;
  hourlyJitterSigma: number;
  weight: number;
  /** Derived: read + write demand at multiplier 1, bytes/s. */
  ioBytesPerSec: number;
  /** Derived: I/O operations per second at multiplier 1. */
  readIops: number;
  writeIops: number;
}

export const WORKLOAD_DEFAULTS = {
  readBytesPerSec: 4e6,
  writeBytesPerSec: 2e6,
  readIoSizeBytes: 32 * KIB,
  writeIoSizeBytes: 16 * KIB,
  cpuDemandCores: 0.5,
  profile: 'business-hours',
  hourlyJitterSigma: 0.1,
  weight: 1,
} as const;

/** Fills defaults and checks every field; `component` is the owner's path, e.g. `vm/web-017`. */
export function resolveWorkload(component: string, spec: WorkloadSpec): ResolvedWorkload {
  const c = `${component}/workload`;
  if (spec === null || typeof spec !== 'object') throw new ConfigError(component, 'workload', spec, "be an object or 'idle'");
  const d = WORKLOAD_DEFAULTS;
  const readBytesPerSec = requireNonNegative(c, 'readBytesPerSec', spec.readBytesPerSec ?? d.readBytesPerSec);
  const writeBytesPerSec = requireNonNegative(c, 'writeBytesPerSec', spec.writeBytesPerSec ?? d.writeBytesPerSec);
  const readIoSizeBytes = requirePositive(c, 'readIoSizeBytes', spec.readIoSizeBytes ?? d.readIoSizeBytes);
  const writeIoSizeBytes = requirePositive(c, 'writeIoSizeBytes', spec.writeIoSizeBytes ?? d.writeIoSizeBytes);
  const ioBytesPerSec = readBytesPerSec + writeBytesPerSec;
  return {
    readBytesPerSec,
    writeBytesPerSec,
    readIoSizeBytes,
    writeIoSizeBytes,
    cpuDemandCores: requireNonNegative(c, 'cpuDemandCores', spec.cpuDemandCores ?? d.cpuDemandCores),
    profile: new HourlyProfile(c, spec.profile ?? d.profile),
    hourlyJitterSigma: requireNonNegative(c, 'hourlyJitterSigma', spec.hourlyJitterSigma ?? d.hourlyJitterSigma),
    weight: requirePositive(c, 'weight', spec.weight ?? d.weight),
    ioBytesPerSec,
    // A workload with no I/O still has a well-defined mix (all reads) so paths can be built.
    readFraction: ioBytesPerSec > 0 ? readBytesPerSec / ioBytesPerSec : 1,
    readIops: readBytesPerSec / readIoSizeBytes,
    writeIops: writeBytesPerSec / writeIoSizeBytes,
  };
}

/** I/O operations per byte of mixed I/O: what an IOPS resource is charged per byte. */
export function iosPerByte(mix: IoMix): number {
  return mix.readFraction / mix.readIoSizeBytes + (1 - mix.readFraction) / mix.writeIoSizeBytes;
}
