/**
 * The registry of backup designs: name -> factory. The runner, the scenario
 * loader and the contract suite (test/strategy-contract.test.ts) read it; a
 * design joins all of them by adding one entry here, with the option sets the
 * contract suite runs it with (`contractOptions`: small, fast, and exercising
 * what the design is about).
 */
import { ConfigError } from '../sim/engine/errors.js';
import type { BackupDesign, DesignFactory } from './protocol.js';
import { proxyImageDesign } from './proxy-image/design.js';
import type { ProxyImageOptions } from './proxy-image/options.js';
import { agentDesign, type AgentOptions } from './agent/index.js';
import { cdpDesign, type CdpOptions } from './cdp/index.js';

export interface RegisteredDesign {
  /** Builds the design; `options` are the design's own (checked by its factory). */
  create(name: string, options: unknown): BackupDesign;
  /** Option sets the contract suite runs the design with, by label. */
  contractOptions: Readonly<Record<string, unknown>>;
}

/** Typed at the entry, untyped in the table: options come from scenario files. */
export function registerDesign<O>(factory: DesignFactory<O>, contractOptions: Readonly<Record<string, O>>): RegisteredDesign {
  return { create: (name, options) => factory(name, (options ?? {}) as O), contractOptions };
}

export const DESIGNS: Readonly<Record<string, RegisteredDesign>> = {
  'proxy-image': registerDesign<ProxyImageOptions>(proxyImageDesign, {
    'vadp-cbt-source-dedupe': { dedupe: 'source' },
    'target-dedupe-forever-forward-throttled': {
      dedupe: 'target',
      chainMode: 'forever-forward',
      retention: { keepPoints: 2 },
      limits: { perDatastore: 1, perHost: 1 },
      throttle: { maxDatastoreUtilisation: 0.9 },
    },
    'array-snapshots-reverse-chain': { snapshot: 'array', transport: 'san', chainMode: 'reverse', schedule: { fullEveryNights: 2 }, retention: { keepPoints: 3 } },
    'no-dedupe-no-tracking-staggered': { dedupe: 'none', changeTracking: false, memorySnapshot: true, schedule: { staggerSec: 600 }, limits: { perProxy: null } },
  }),
  agent: registerDesign<AgentOptions>(agentDesign, {
    'nightly-file-level': {},
    'source-dedupe-staggered-fulls-every-2-nights': { dedupe: 'source', schedule: { staggerSec: 600, fullEveryNights: 2 } },
    'target-dedupe-uncompressed-vsphere-and-physical-only': { dedupe: 'target', compression: false, platforms: ['vsphere-4', 'vsphere-3.5', 'physical'] },
  }),
  cdp: registerDesign<CdpOptions>(cdpDesign, {
    'continuous-guest-splitter': {},
    'continuous-hypervisor-splitter-small-journal': { splitter: 'hypervisor', journalRetentionSec: 3600, journalMaxBytes: 64 * 1024 * 1024 },
    'near-cdp-hourly': { mode: 'near-cdp', syncIntervalMin: 60 },
  }),
};

export const DESIGN_NAMES: readonly string[] = Object.keys(DESIGNS);

/** A design of a registered kind; an unknown kind is a ConfigError listing the known ones. */
export function createDesign(kind: string, name: string, options: unknown = {}): BackupDesign {
  const entry = Object.prototype.hasOwnProperty.call(DESIGNS, kind) ? DESIGNS[kind] : undefined;
  if (entry === undefined) throw new ConfigError(`design/${name}`, 'kind', kind, `be one of ${DESIGN_NAMES.join(', ')}`);
  return entry.create(name, options);
}

export { proxyImageDesign, type ProxyImageOptions };
