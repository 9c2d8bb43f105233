/**
 * Backup designs to compare: a registered kind (strategies/index.ts), a name,
 * and the kind's options in scenario units. Every option is optional: the
 * design's own options module fills and checks its defaults
 * (strategies/<kind>/options.ts). scenarios/compile-designs.ts maps these
 * keys onto the engine's option names.
 */
import * as z from 'zod';
import { TRANSPORTS } from '../../sim/platform/transports.js';
import { CHAIN_MODES, DEDUPE_PLACEMENTS } from '../../sim/repository/index.js';
import { DPM_SYNC_INTERVALS_MIN } from '../../strategies/cdp/options.js';
import { LIMITS } from './defaults.js';
import { bool, bytes, list, name, obj, oneOf, plainNumber, quantity, text, wholeNumber } from './fields.js';
import { PLATFORM_NAMES, rate } from './hosts.js';
import { byKind } from './estate.js';
import { fraction } from './guest.js';
import { parseDuration, parseSize, parseTimeOfDay, show, TIME_OF_DAY_HELP } from './units.js';

const duration = (what: string, max = 366 * 86_400) => quantity(parseDuration, `${what} (e.g. "15 min")`, { min: 0, max });
const size = (what: string) => quantity(parseSize, `${what} (e.g. "8 GB")`, bytes(what, { min: 0, max: LIMITS.capacityBytes }));
const cycles = (what: string) => plainNumber(`${what}, CPU cycles per byte`, { min: 0, max: 1e6 });
const platforms = () => list(oneOf(PLATFORM_NAMES, 'platform version or physical'), PLATFORM_NAMES.length, 'platform versions').optional();

export const scheduleSchema = obj(
  {
    start: quantity(parseTimeOfDay, TIME_OF_DAY_HELP).optional(),
    fullEvery: wholeNumber('an active full every this many nights', { min: 1, max: 366 }).optional(),
    fullOnNight: wholeNumber('night (0-based) of the first scheduled full', { min: 0, max: 366 }).optional(),
    stagger: duration('between the starts of consecutive machines', 86_400).optional(),
  },
  'a nightly schedule',
);

const retentionSchema = z.union([obj({ points: wholeNumber('restore points kept per machine', { min: 1, max: 10_000 }) }), obj({ days: wholeNumber('days of restore points kept', { min: 1, max: 3650 }) })], {
  error: (iss) => `must be { points: N } or { days: N }, got ${show(iss.input)}`,
});

const limit = (what: string) =>
  z.union([z.null(), wholeNumber(what, { min: 1, max: 100_000 })], { error: (iss) => `must be a whole number >= 1, or null for no limit, got ${show(iss.input)}` });

const common = {
  target: name('estate target the design writes to').optional(),
  dedupe: oneOf(DEDUPE_PLACEMENTS, 'where the design deduplicates').optional(),
};

export const proxyImageOptions = obj({
  ...common,
  proxies: list(name('proxy'), LIMITS.components, 'proxy names').optional(),
  platforms: platforms(),
  transport: oneOf(Object.keys(TRANSPORTS) as (keyof typeof TRANSPORTS)[], 'preferred transport').optional(),
  transportFallback: bool('try the platform\'s other transports when the preferred one fails').optional(),
  snapshot: oneOf(['software', 'array'] as const, 'software: hypervisor snapshot; array: storage snapshot').optional(),
  quiesce: bool('quiesce through the guest tools').optional(),
  memorySnapshot: bool('also save the running state').optional(),
  changeTracking: bool("use the platform's change tracking for incrementals").optional(),
  chainMode: oneOf(CHAIN_MODES, 'backup chain').optional(),
  schedule: scheduleSchema.optional(),
  retention: retentionSchema.optional(),
  limits: obj({
    perDatastore: limit('VM snapshots open at once per datastore').optional(),
    perHost: limit('backup jobs at once per host').optional(),
    perProxy: z.union([z.null(), z.literal('task-slots')], { error: (iss) => `must be "task-slots" or null, got ${show(iss.input)}` }).optional(),
  }).optional(),
  throttle: z.union([z.null(), obj({
    maxDatastoreUtilisation: fraction('highest datastore utilisation at which a job may start').optional(),
    maxVmLatencyInflation: plainNumber('highest VM latency inflation at which a job may start', { min: 1, max: 1e6 }).optional(),
    checkEvery: duration('how often a held-back job looks again', 86_400).optional(),
    maxWait: duration('longest a job is held back', 7 * 86_400).optional(),
  })]).optional(),
  holdingArea: obj({ capacity: size('holding area capacity').optional(), bandwidth: rate('holding area bandwidth').optional(), iops: plainNumber('holding area IOPS', { above: 0, max: LIMITS.iops }).optional() }).optional(),
});

export const agentOptions = obj({
  ...common,
  schedule: scheduleSchema.optional(),
  compression: bool('the agent compresses before sending').optional(),
  platforms: platforms(),
  readCyclesPerByte: obj({ full: cycles('full read').optional(), incremental: cycles('incremental read').optional() }).optional(),
  compressCyclesPerByte: cycles('compression').optional(),
  hashCyclesPerByte: cycles('fingerprinting').optional(),
  readIoSize: size('agent read size').optional(),
  prepare: duration('application hooks and shadow copy preparation', 3600).optional(),
  shadowDiffArea: size('shadow copy diff area per disk').optional(),
});

const syncMinutes = DPM_SYNC_INTERVALS_MIN.map((m) => `${m} min`);
export const cdpOptions = obj({
  target: common.target,
  mode: oneOf(['continuous', 'near-cdp'] as const, 'CDP mode').optional(),
  splitter: oneOf(['guest', 'hypervisor'] as const, 'where the write splitter runs').optional(),
  syncInterval: quantity(
    (v) => {
      const r = parseDuration(v);
      return r.ok && (DPM_SYNC_INTERVALS_MIN as readonly number[]).includes(r.value / 60) ? r : { ok: false, message: `must be one of DPM's intervals ${syncMinutes.join(', ')}, got ${show(v)}` };
    },
    'near-CDP synchronisation interval',
  ).optional(),
  journalRetention: duration('journal retention').optional(),
  journalMin: size('journal reserved at least').optional(),
  journalMax: size('journal size beyond which entries fold early').optional(),
  bookmarkInterval: duration('between application-consistent bookmarks (0: none)', 86_400).optional(),
  splitterCyclesPerByte: cycles('splitter').optional(),
  readCyclesPerByte: obj({ sync: cycles('initial sync read').optional(), nearCdp: cycles('near-CDP read').optional() }).optional(),
  readIoSize: size('sync read size').optional(),
  maxConcurrentInitialSyncs: wholeNumber('initial syncs at once', { min: 1, max: 10_000 }).optional(),
  platforms: platforms(),
});

const designCommon = { name: name('design name'), description: text('what the design is').optional() };
export const DESIGN_KINDS = ['proxy-image', 'agent', 'cdp'] as const;
export const designSchema = byKind(
  [
    obj({ ...designCommon, kind: z.literal('proxy-image'), options: proxyImageOptions.optional() }),
    obj({ ...designCommon, kind: z.literal('agent'), options: agentOptions.optional() }),
    obj({ ...designCommon, kind: z.literal('cdp'), options: cdpOptions.optional() }),
  ],
  DESIGN_KINDS,
);

export type DesignInput = z.output<typeof designSchema>;
export type ScheduleInput = z.output<typeof scheduleSchema>;
