/**
 * Design options in scenario units -> the options each design's factory takes
 * (strategies/<kind>/options.ts). Only what the file says is passed on: the
 * design fills its own defaults.
 */
import type { AgentOptions } from '../strategies/agent/index.js';
import type { CdpOptions } from '../strategies/cdp/index.js';
import type { ProxyImageOptions } from '../strategies/proxy-image/options.js';
import type { NightlySchedule } from '../strategies/schedule/index.js';
import type { DesignInput, ScheduleInput } from './schema/designs.js';

export interface CompiledDesign {
  name: string;
  kind: string;
  options: ProxyImageOptions | AgentOptions | CdpOptions;
}

/**
 * The object without its undefined keys (so compiled specs compare and print
 * cleanly). Object.keys and an index, not Object.entries: the same keys in
 * the same order, without a [key, value] array per key, and compiling a
 * 1,000-VM scenario calls this some 5,000 times in a command's cold code.
 */
export function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    const v = (o as Record<string, unknown>)[keys[i]!];
    if (v !== undefined) out[keys[i]!] = v;
  }
  return out as T;
}

const opt = <I, O>(v: I | undefined, f: (v: I) => O): O | undefined => (v === undefined ? undefined : f(v));

function schedule(s: ScheduleInput): NightlySchedule {
  return clean({ startSecOfDay: s.start, fullEveryNights: s.fullEvery, fullOnNight: s.fullOnNight, staggerSec: s.stagger });
}

type Of<K extends DesignInput['kind']> = NonNullable<Extract<DesignInput, { kind: K }>['options']>;

function proxyImage(o: Of<'proxy-image'>): ProxyImageOptions {
  return clean({
    target: o.target,
    proxies: o.proxies,
    platforms: o.platforms,
    transport: o.transport,
    transportFallback: o.transportFallback,
    snapshot: o.snapshot,
    quiesce: o.quiesce,
    memorySnapshot: o.memorySnapshot,
    changeTracking: o.changeTracking,
    dedupe: o.dedupe,
    chainMode: o.chainMode,
    schedule: opt(o.schedule, schedule),
    retention: opt(o.retention, (r) => ('points' in r ? { keepPoints: r.points } : { keepDays: r.days })),
    limits: opt(o.limits, (l) => clean(l)),
    throttle: opt(o.throttle, (t) =>
      t === null ? null : clean({ maxDatastoreUtilisation: t.maxDatastoreUtilisation, maxVmLatencyInflation: t.maxVmLatencyInflation, checkEverySec: t.checkEvery, maxWaitSec: t.maxWait }),
    ),
    holdingArea: opt(o.holdingArea, (h) => clean({ capacityBytes: h.capacity, bandwidthBytesPerSec: h.bandwidth, iops: h.iops })),
  });
}

function agent(o: Of<'agent'>): AgentOptions {
  return clean({
    target: o.target,
    schedule: opt(o.schedule, schedule),
    dedupe: o.dedupe,
    compression: o.compression,
    platforms: o.platforms,
    readCyclesPerByte: opt(o.readCyclesPerByte, (r) => clean(r)),
    compressCyclesPerByte: o.compressCyclesPerByte,
    hashCyclesPerByte: o.hashCyclesPerByte,
    readIoSizeBytes: o.readIoSize,
    prepareSec: o.prepare,
    shadowDiffAreaBytes: o.shadowDiffArea,
  });
}

function cdp(o: Of<'cdp'>): CdpOptions {
  return clean({
    target: o.target,
    mode: o.mode,
    splitter: o.splitter,
    syncIntervalMin: opt(o.syncInterval, (s) => s / 60),
    journalRetentionSec: o.journalRetention,
    journalMinBytes: o.journalMin,
    journalMaxBytes: o.journalMax,
    bookmarkIntervalSec: o.bookmarkInterval,
    splitterCyclesPerByte: o.splitterCyclesPerByte,
    readCyclesPerByte: opt(o.readCyclesPerByte, (r) => clean(r)),
    readIoSizeBytes: o.readIoSize,
    maxConcurrentInitialSyncs: o.maxConcurrentInitialSyncs,
    platforms: o.platforms,
  });
}

export function compileDesign(d: DesignInput): CompiledDesign {
  switch (d.kind) {
    case 'proxy-image':
      return { name: d.name, kind: d.kind, options: proxyImage(d.options ?? {}) };
    case 'agent':
      return { name: d.name, kind: d.kind, options: agent(d.options ?? {}) };
    case 'cdp':
      return { name: d.name, kind: d.kind, options: cdp(d.options ?? {}) };
  }
}
