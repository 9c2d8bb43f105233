/**
 * What runs inside a machine: OS template, guest tools, applications, memory,
 * the production workload and how its disks change. Shared by fleets, their
 * variants and physical servers.
 */
import * as z from 'zod';
import { APPLICATIONS } from '../../sim/guest/applications.js';
import { GUEST_TOOLS } from '../../sim/guest/guest-tools.js';
import { OS_TEMPLATES } from '../../sim/disk/os-templates.js';
import { DAILY_PROFILES } from '../../sim/disk/daily-profile.js';
import { CHANGE_PRESETS } from '../../sim/disk/change-config.js';
import { PLATFORM_VERSIONS } from '../../sim/platform/platform-versions.js';
import { LIMITS } from './defaults.js';
import { bytes, list, obj, oneOf, plainNumber, quantity, wholeNumber } from './fields.js';
import { parseFraction, parseSize, show, FRACTION_HELP } from './units.js';
import { rate } from './hosts.js';

const names = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];
export const TEMPLATE_NAMES = names(OS_TEMPLATES);
export const TOOLS_NAMES = [...names(GUEST_TOOLS), 'none'];
export const APPLICATION_NAMES = names(APPLICATIONS);
export const PROFILE_NAMES = names(DAILY_PROFILES);
export const PRESET_NAMES = names(CHANGE_PRESETS);
export const TRACKING_NAMES = [...new Set(Object.values(PLATFORM_VERSIONS).flatMap((p) => [...p.changeTracking] as string[]))];

export const fraction = (description: string) => quantity(parseFraction, `${description} (${FRACTION_HELP})`);

/** A profile name, or 24 hourly multipliers. */
export const profileSchema = z.union([oneOf(PROFILE_NAMES, 'daily profile'), z.array(plainNumber('hourly multiplier', { min: 0, max: 1000 })).length(24, { error: 'must list 24 hourly multipliers' })], {
  error: (iss) => `must be one of ${PROFILE_NAMES.join(', ')} or a list of 24 hourly multipliers, got ${show(iss.input)}`,
});

const workloadObject = obj(
  {
    read: rate('read demand at multiplier 1').optional(),
    write: rate('write demand at multiplier 1').optional(),
    readIoSize: quantity(parseSize, 'bytes per read I/O', bytes('I/O size', { above: 0, max: 2 ** 30 })).optional(),
    writeIoSize: quantity(parseSize, 'bytes per write I/O', bytes('I/O size', { above: 0, max: 2 ** 30 })).optional(),
    cpu: plainNumber('compute demand, cores', { min: 0, max: LIMITS.cores }).optional(),
    profile: profileSchema.optional(),
    jitter: plainNumber('log-standard-deviation of hourly demand', { min: 0, max: 10 }).optional(),
    weight: plainNumber('share weight under contention', { above: 0, max: 1e6 }).optional(),
  },
  'a production workload',
);
// `read: 0` is allowed: rates here may be zero (an application that only writes).
export const workloadSchema = z.union([z.literal('idle'), workloadObject], {
  error: (iss) => `must be "idle" or a mapping of read, write, profile, ..., got ${show(iss.input)}`,
});

const changeObject = obj(
  {
    preset: oneOf(PRESET_NAMES, 'change preset').optional(),
    daily: fraction('share of used chunks changed per day').optional(),
    hotSet: fraction('share of used chunks in the hot set').optional(),
    hotWriteShare: fraction('share of writes landing in the hot set').optional(),
    hotClusterChunks: wholeNumber('hot chunks per contiguous cluster', { min: 1, max: 1e6 }).optional(),
    growth: fraction('new chunks per day, as a share of the used ones').optional(),
    profile: profileSchema.optional(),
  },
  'how a disk changes',
);
export const changeSchema = z.union([oneOf(PRESET_NAMES, 'change preset'), changeObject], {
  error: (iss) => `must be one of ${PRESET_NAMES.join(', ')} or a mapping of preset, daily, hotSet, ..., got ${show(iss.input)}`,
});

const appObject = obj({ kind: oneOf(APPLICATION_NAMES, 'application'), disk: wholeNumber('disk index the data is on', { min: 0, max: LIMITS.disksPerVm - 1 }).optional() });
export const appSchema = z.union([oneOf(APPLICATION_NAMES, 'application'), appObject], {
  error: (iss) => (typeof iss.input === 'string' ? `must be one of ${APPLICATION_NAMES.join(', ')}, got ${show(iss.input)}` : `must be an application name or { kind, disk }, got ${show(iss.input)}`),
});

export const diskSize = (what: string) => quantity(parseSize, `${what} (e.g. "100 GiB")`, bytes('disk size', { above: 0, max: LIMITS.diskBytes, why: 'the VHDX maximum' }));
export const appData = () => quantity(parseSize, 'application data on the disk', bytes('application data', { min: 0, max: LIMITS.diskBytes }));

/** Guest fields, shared by fleets, fleet variants and physical servers. */
export const guestFields = {
  template: oneOf(TEMPLATE_NAMES, 'OS template').optional(),
  tools: oneOf(TOOLS_NAMES, 'guest tools, or none').optional(),
  apps: list(appSchema, 16, 'applications').optional(),
  memory: quantity(parseSize, 'guest memory', bytes('memory', { above: 0, max: 2 ** 44 })).optional(),
  changeTracking: oneOf(TRACKING_NAMES, "one of the platform's change tracking kinds").optional(),
  change: changeSchema.optional(),
  workload: workloadSchema.optional(),
};

export type WorkloadInput = z.output<typeof workloadSchema>;
export type ChangeInput = z.output<typeof changeSchema>;
export type AppInput = z.output<typeof appSchema>;
