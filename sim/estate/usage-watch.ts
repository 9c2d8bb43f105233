/**
 * Being told when a resource's load or capacity is about to change, with the
 * values that held until then.
 *
 * Between solver events every rate, load and utilisation is constant, so an
 * observer that hears of each change can integrate any function of them (a
 * queueing latency, a tape buffer level) exactly, with no sampling. The
 * network calls `Resource.watch` listeners with a resource's new load and
 * capacity whenever it settles a change touching that resource, and every flow
 * whose rate changes has all its route's resources touched; so a listener on
 * the resources of a route hears of every change of that route's rates.
 *
 * A probe caches the values its resource's watch reports and, on each report,
 * first tells its listeners (`usageWillChange(t)`) and only then takes the new
 * values. A listener that reads several probes therefore sees, at the first
 * report of an instant, the values that held during the interval that just
 * ended, and can close that interval before anything moves on. Listeners run
 * inside the network's settle step: they must not start, stop or re-cap flows;
 * they may fire signals.
 *
 * A global generation counts the updates of every probe, so a value computed
 * from probes can be reused, exactly, for as long as the generation has not
 * moved (latency.ts shares one inflation between the machines that read the
 * same stages).
 *
 * A listener that only integrates may instead catch up later
 * (`watchUsageLater`): the probe then logs the instants of its changes
 * (change-times.ts), and the listener reads the logs of its resources when it
 * must (an impact meter, before its own rates change: a datastore's change
 * during the night's backups no longer touches a hundred meters at once).
 * A log that fills makes its listeners catch up and starts again.
 */
import type { Resource } from '../flow/network.js';
import { ChangeTimes } from './change-times.js';

export interface UsageListener {
  /** The load or capacity of one of the watched resources changes at `tSec` (values not yet updated). */
  usageWillChange(tSec: number): void;
}

/** A listener that reads the change logs of its resources itself, whenever it must (`watchUsageLater`). */
export interface LaterUsageListener {
  /** Read every logged change up to now: a log is about to be cleared. */
  catchUp(): void;
}

export class UsageProbe {
  /** Load in the resource's units per second, as of the last change. */
  load: number;
  capacity: number;
  /** Listeners, in the order they subscribed. */
  readonly listeners: UsageListener[] = [];
  /** Listeners that catch up later, and the instants of change they read (logged only while there are any). */
  readonly laterListeners: LaterUsageListener[] = [];
  readonly changes = new ChangeTimes();

  constructor(readonly resource: Resource) {
    this.load = resource.load;
    this.capacity = resource.capacity;
  }

  /**
   * load / capacity. A resource with no capacity serves nothing, so it counts
   * as saturated (1) rather than idle.
   */
  get utilisation(): number {
    return this.capacity > 0 ? Math.min(1, this.load / this.capacity) : 1;
  }
}

const probes = new WeakMap<Resource, UsageProbe>();
let generation = 0;

/** Grows by one whenever any probe takes new values: equal generations mean every probe holds what it held. */
export function usageGeneration(): number {
  return generation;
}

/** The probe of a resource, hooked on first use. */
export function probeOf(resource: Resource): UsageProbe {
  const existing = probes.get(resource);
  if (existing !== undefined) return existing;
  const probe = new UsageProbe(resource);
  probes.set(resource, probe);
  resource.watch((tSec, load, capacity) => {
    const listeners = probe.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!.usageWillChange(tSec);
    if (probe.laterListeners.length > 0) logChange(probe, tSec);
    probe.load = load;
    probe.capacity = capacity;
    generation++;
  });
  return probe;
}

/** Subscribes a listener to several resources (each once); returns the unsubscribe function. */
export function watchUsage(resources: readonly Resource[], listener: UsageListener): () => void {
  const watched = [...new Set(resources)].map(probeOf);
  for (const probe of watched) probe.listeners.push(listener);
  return () => {
    for (const probe of watched) {
      const i = probe.listeners.indexOf(listener);
      if (i >= 0) probe.listeners.splice(i, 1);
    }
  };
}

let logged = 0;

/** Grows whenever any probe logs a change: a listener that read every log at generation g has nothing new to read while it stays g. */
export function changeLogGeneration(): number {
  return logged;
}

/** Logs an instant of change; a full log first has its listeners catch up, then starts again. */
function logChange(probe: UsageProbe, tSec: number): void {
  const log = probe.changes;
  if (log.full) {
    const later = probe.laterListeners;
    for (let i = 0; i < later.length; i++) later[i]!.catchUp();
    log.clear();
  }
  log.note(tSec);
  logged++;
}

/**
 * Subscribes a listener that catches up later to several resources (each
 * once): returns their probes, whose `changes` it reads from their `end` now,
 * and the unsubscribe function.
 */
export function watchUsageLater(resources: readonly Resource[], listener: LaterUsageListener): { probes: UsageProbe[]; unwatch: () => void } {
  const probes = [...new Set(resources)].map(probeOf);
  for (const probe of probes) probe.laterListeners.push(listener);
  const unwatch = (): void => {
    for (const probe of probes) {
      const i = probe.laterListeners.indexOf(listener);
      if (i >= 0) probe.laterListeners.splice(i, 1);
    }
  };
  return { probes, unwatch };
}
