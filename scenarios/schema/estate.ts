/**
 * Backup infrastructure of a scenario: proxies (a physical server or a
 * virtual appliance on a host) and targets (a disk repository, a dedupe
 * appliance, a tape library). Each list item is chosen by its `kind`.
 */
import * as z from 'zod';
import { LTO_GENERATIONS } from '../../sim/estate/lto.js';
import { LIMITS } from './defaults.js';
import { bytes, list, name, obj, oneOf, plainNumber, quantity, wholeNumber } from './fields.js';
import { capacity, clock, cores, rate } from './hosts.js';
import { didYouMean } from './fields.js';
import { parseDuration, parseSize, show } from './units.js';

/** A list item chosen by `kind`; an unknown kind says which ones exist. */
export function byKind<const O extends readonly [z.ZodObject, z.ZodObject, ...z.ZodObject[]]>(options: O, kinds: readonly string[]) {
  return z.discriminatedUnion('kind', options, {
    error: (iss) => {
      if (iss.code !== 'invalid_union') return iss.code === 'invalid_type' && iss.input !== undefined ? `must be a mapping with a kind (${kinds.join(', ')}), got ${show(iss.input)}` : undefined;
      const input: unknown = iss.input;
      const kind = input !== null && typeof input === 'object' ? (input as Record<string, unknown>).kind : undefined;
      if (kind === undefined) return `is required (one of ${kinds.join(', ')})`;
      return `must be one of ${kinds.join(', ')}, got ${show(kind)}${typeof kind === 'string' ? didYouMean(kind, kinds) : ''}`;
    },
  });
}

const memory = () => quantity(parseSize, 'memory (e.g. "16 GiB")', bytes('memory', { above: 0, max: 2 ** 50 }));
const taskSlots = () => wholeNumber('concurrent tasks (one task = one VM disk)', { min: 1, max: 10_000 });

export const physicalProxySchema = obj({
  name: name('proxy name'),
  kind: z.literal('physical'),
  cores: cores().optional(),
  clock: clock().optional(),
  network: name('LAN of the proxy NIC').optional(),
  nic: rate('NIC bandwidth').optional(),
  storageLink: rate('HBA bandwidth for direct SAN reads').optional(),
  san: list(name('datastore'), LIMITS.components, 'SAN datastores the proxy is zoned to').optional(),
  taskSlots: taskSlots().optional(),
  memory: memory().optional(),
});

export const applianceProxySchema = obj({
  name: name('proxy name'),
  kind: z.literal('virtual-appliance'),
  host: name('host the appliance VM runs on'),
  vcpus: cores('virtual CPUs').optional(),
  taskSlots: taskSlots().optional(),
  memory: memory().optional(),
});

export const PROXY_KINDS = ['physical', 'virtual-appliance'] as const;
export const proxySchema = byKind([physicalProxySchema, applianceProxySchema], PROXY_KINDS);

const targetCommon = {
  name: name('target name'),
  network: name('LAN of the target NIC').optional(),
  nic: rate('ingest NIC bandwidth').optional(),
};

export const diskTargetSchema = obj({
  ...targetCommon,
  kind: z.literal('disk'),
  bandwidth: rate('disk bandwidth').optional(),
  iops: plainNumber('I/O operations per second', { above: 0, max: LIMITS.iops }).optional(),
  ioSize: quantity(parseSize, 'size of the repository write I/Os', bytes('I/O size', { above: 0, max: 2 ** 30 })).optional(),
  capacity: capacity().optional(),
});

export const dedupeTargetSchema = obj({
  ...targetCommon,
  kind: z.literal('dedupe-appliance'),
  cores: cores().optional(),
  clock: clock().optional(),
  ingestCyclesPerByte: plainNumber('CPU cycles per ingested byte', { min: 0, max: 1e6 }).optional(),
  readCyclesPerByte: plainNumber('CPU cycles per byte read back', { min: 0, max: 1e6 }).optional(),
  capacity: capacity().optional(),
});

const seconds = (what: string) => quantity(parseDuration, what, { min: 0, max: 86_400 });

export const tapeTargetSchema = obj({
  ...targetCommon,
  kind: z.literal('tape'),
  generation: oneOf(Object.keys(LTO_GENERATIONS) as (keyof typeof LTO_GENERATIONS)[], 'LTO generation'),
  drives: wholeNumber('tape drives', { min: 1, max: 1000 }).optional(),
  cartridges: wholeNumber('cartridges available', { min: 1, max: 1e6 }).optional(),
  drive: obj({
    native: rate('native speed').optional(),
    minStream: rate('lowest speed-matching step').optional(),
    cartridge: quantity(parseSize, 'cartridge capacity', bytes('cartridge', { above: 0, max: 2 ** 50 })).optional(),
    buffer: quantity(parseSize, 'drive buffer', bytes('buffer', { above: 0, max: 2 ** 40 })).optional(),
    reposition: seconds('backhitch time').optional(),
    load: seconds('load time').optional(),
    locate: seconds('average locate time').optional(),
    rewind: seconds('rewind time').optional(),
  }, 'per-drive overrides of the generation').optional(),
});

export const TARGET_KINDS = ['disk', 'dedupe-appliance', 'tape'] as const;
export const targetSchema = byKind([diskTargetSchema, dedupeTargetSchema, tapeTargetSchema], TARGET_KINDS);

export type ProxyInput = z.output<typeof proxySchema>;
export type TargetInput = z.output<typeof targetSchema>;
