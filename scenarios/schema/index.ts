/**
 * The scenario schema: one document (YAML or JSON) describing an estate, the
 * designs to compare on it, restore drills and an optional sweep. Parts:
 * units.ts (human units), fields.ts (field builders, messages), hosts.ts,
 * estate.ts (proxies, targets), guest.ts, fleets.ts, designs.ts, drills.ts,
 * vary.ts, defaults.ts (defaults and limits). References between parts are
 * checked after the schema, in scenarios/references.ts.
 */
import * as z from 'zod';
import { LIMITS } from './defaults.js';
import { list, name, obj, parsed, quantity, text, wholeNumber, bytes } from './fields.js';
import { datastoreSchema, hostSchema, networkSchema, platform, siteSchema, wanLinkSchema } from './hosts.js';
import { proxySchema, targetSchema } from './estate.js';
import { fleetSchema, physicalServerSchema } from './fleets.js';
import { designSchema } from './designs.js';
import { drillSchema, faultSchema, tapeCopySchema } from './drills.js';
import { varySchema } from './vary.js';
import { parseDuration, parseSize, show } from './units.js';

const seedSchema = parsed<number | string>(
  (v) =>
    (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && v.length > 0 && v.length <= 100)
      ? { ok: true, value: v }
      : { ok: false, message: `must be a whole number or a text of at most 100 characters, got ${show(v)}` },
  { type: ['integer', 'string'], description: 'random seed' },
);

const claimSchema = parsed<string>(
  (v) => (typeof v === 'string' && v.length <= 1000) || (typeof v === 'number' && Number.isSafeInteger(v)) ? { ok: true, value: String(v) } : { ok: false, message: `must be a claim (text or a DOMAIN.md claim number), got ${show(v)}` },
  { type: ['string', 'integer'], description: 'a claim the scenario illustrates' },
);

const chunkSize = quantity(
  (v) => {
    const r = parseSize(v);
    return r.ok && !(Number.isSafeInteger(r.value) && (r.value & (r.value - 1)) === 0) ? { ok: false, message: `must be a power of two like "1 MiB" or "4 MiB", got ${show(v)}` } : r;
  },
  'chunk size of every virtual disk (e.g. "1 MiB")',
  bytes('chunk size', { min: LIMITS.chunkMinBytes, max: LIMITS.chunkMaxBytes }),
);

export const scenarioSchema = obj(
  {
    name: name('short name of the scenario'),
    title: text('one-line title', 200).optional(),
    description: text('what the scenario shows').optional(),
    claims: list(claimSchema, LIMITS.claims, 'claims').optional(),
    seed: seedSchema.optional(),
    days: wholeNumber('length of the run, days', { min: 1, max: LIMITS.days }).optional(),
    chunkSize: chunkSize.optional(),
    changeBatch: quantity(parseDuration, 'guest writes are applied in batches of this long', { above: 0, max: 86_400 }).optional(),
    platform: platform().optional(),
    sites: list(siteSchema, LIMITS.components, 'sites').optional(),
    networks: list(networkSchema, LIMITS.components, 'networks').optional(),
    wanLinks: list(wanLinkSchema, LIMITS.components, 'WAN links').optional(),
    hosts: list(hostSchema, LIMITS.hosts, 'hosts'),
    datastores: list(datastoreSchema, LIMITS.components, 'datastores'),
    proxies: list(proxySchema, LIMITS.components, 'proxies').optional(),
    targets: list(targetSchema, LIMITS.components, 'targets').optional(),
    fleets: list(fleetSchema, LIMITS.fleets, 'fleets').optional(),
    physicalServers: list(physicalServerSchema, LIMITS.physicalServers, 'physical servers').optional(),
    designs: list(designSchema, LIMITS.designs, 'designs').min(1, { error: 'must list at least one design' }),
    drills: list(drillSchema, LIMITS.drills, 'drills').optional(),
    tapeCopies: list(tapeCopySchema, LIMITS.drills, 'tape copies').optional(),
    faults: list(faultSchema, LIMITS.drills, 'faults').optional(),
    vary: varySchema.optional(),
  },
  'a vmbsim scenario',
);

/** A validated scenario (units converted, document structure kept; fleets not expanded). */
export type Scenario = z.output<typeof scenarioSchema>;

export { LIMITS, SCENARIO_DEFAULTS, DEFAULTS_DOC, defaultsMarkdown } from './defaults.js';
export { applyVary, parseVaryKey, varyGrid, formatPath, type VaryAxis, type VaryValue, type PathStep } from './vary.js';
