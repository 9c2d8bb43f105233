/**
 * Weighted max-min fair rates by progressive filling, solved incrementally.
 *
 * The model (DESIGN.md, decision 4). A flow f has a weight w_f > 0, an optional
 * rate cap, and a route of resources; on resource r it consumes c_fr units of
 * capacity per byte/s (1 for bandwidth, 1/ioSize for IOPS, cycles per byte for
 * CPU). Write every rate as rate_f = w_f * level_f. Progressive filling raises
 * one common water level L from 0; every unfrozen flow has level L; resource r
 * saturates when sum_f c_fr * w_f * min(level_f, L) reaches its capacity, and
 * then freezes every flow still unfrozen on it; a flow also freezes when L
 * reaches its cap / weight. The result is the unique weighted max-min fair
 * allocation: no resource is over capacity, and every flow is at its cap or
 * crosses a saturated resource on which no flow has a larger level.
 *
 * Incremental solution ("differential water-filling"). After a change (a flow
 * starts, ends or changes cap or weight; a capacity changes) most of the old
 * filling stays valid. A resource whose load, as a function of L, is the same
 * as in the old solution saturates at the same level and freezes the same
 * flows, so we need not simulate it. We therefore replay the filling only for
 * "dirty" resources: those on the route of a changed flow, and then, level by
 * level, those on the route of any flow whose level turns out to differ from
 * its old one. Untouched flows crossing a dirty resource are assumed to freeze
 * at their old level: each dirty resource keeps them in a sorted "pending"
 * list and folds those implicit freezes into its own saturation level, with no
 * global event per flow. Only a flow whose old bottleneck became dirty gets a
 * CHECK event at its old level: it stays if its cap or another clean resource
 * still holds it there, and is released to rise otherwise.
 *
 * A freeze can only delay a resource's saturation (less weight keeps rising),
 * so saturation events are re-keyed lazily: a popped event whose resource now
 * saturates later is pushed again at the later level. Only a release (more
 * weight) brings a saturation forward, and that pushes a new versioned event.
 *
 * The work per change is proportional to the part of the graph whose
 * allocation actually changes, plus its boundary; a change that moves nothing
 * costs a handful of heap operations. The test suite checks this solver
 * against a plain from-scratch progressive filling on random graphs.
 *
 * Storage is index-based and laid out for the cache: a flow's scalars are one
 * 64-byte record in a Float64Array, a resource's two, and routes sit in
 * fixed-stride arrays (at most MAX_ROUTE_HOPS resources per flow), so the hot
 * loops touch a line per flow instead of chasing objects. Flow ids are
 * recycled through a free list; memory is linear in flows plus resources.
 */
import { ConfigError, fail } from '../engine/errors.js';
import { growF64, growI32, growU8 } from '../engine/typed-arrays.js';
import { LevelHeap, SolverEvent } from './level-heap.js';
import { sortPool } from './pool-sort.js';

const UNTOUCHED = 0; // level as in the old solution (until proven otherwise)
const UNFROZEN = 1; // rising with the water level in this solve
const FROZEN = 2; // new level fixed in this solve

/**
 * A dirty resource's rising weight W is kept by subtraction as flows freeze.
 * The rounding error of W is about 1e-16 * (W at the last exact sum) per
 * subtraction, so its relative error grows as W shrinks; once W falls below
 * this fraction of its exactly summed value it is summed again. 1e-3 keeps
 * the error below ~1e-12 relative, far inside the 1e-9 the tests demand.
 */
const REFRESH_FRACTION = 1e-3;

/** The longest route a flow may have (source disk to target crosses about ten resources). */
export const MAX_ROUTE_HOPS = 16;

// Flow record fields (stride FS).
const FS = 8;
const F_WEIGHT = 0;
const F_CAPLEVEL = 1; // cap / weight (Infinity: uncapped)
const F_LEVEL = 2; // level in the current solution
const F_RATE = 3; // rate in the current solution, bytes/s
const F_NEWLEVEL = 4; // level fixed in this solve
const F_STAMP = 5; // solve stamp of F_STATE
const F_STATE = 6;
const F_CHECK = 7; // solve stamp of the flow's CHECK event

// Resource record fields (stride RS).
const RS = 16;
const R_CAP = 0;
const R_SAT = 1; // saturation level in the current solution (Infinity: not saturated)
const R_LOAD = 2; // sum of coef * rate, kept incrementally
const R_STAMP = 3; // solve stamp: dirty in this solve
const R_REM = 4; // remaining capacity at level R_LAM
const R_LAM = 5;
const R_W = 6; // sum of c*w over flows still rising (incl. pending implicit freezes)
const R_COUNT = 7; // number of such flows
const R_W_REFRESH = 8; // R_W when last summed exactly
const R_VERSION = 9;
const R_SATNEW = 10;
const R_PEND_HEAD = 11; // pending implicit freezes: pool[head, end)
const R_PEND_END = 12;

export class MaxMinSolver {
  private rd = new Float64Array(64 * RS);
  private rFlows: number[][] = [];
  private rCoefs: number[][] = [];
  private rHop: number[][] = [];
  private nRes = 0;

  private fd = new Float64Array(64 * FS);
  private fAlive = new Uint8Array(64);
  private fLen = new Uint8Array(64);
  private fRes = new Int32Array(64 * MAX_ROUTE_HOPS);
  private fCoef = new Float64Array(64 * MAX_ROUTE_HOPS);
  private fPos = new Int32Array(64 * MAX_ROUTE_HOPS);
  private freeFlows: number[] = [];
  private nFlowSlots = 0;

  // Pending-freeze pool (reset every solve).
  private poolLevel = new Float64Array(1024);
  private poolFlow = new Int32Array(1024);
  private poolCw = new Float64Array(1024);
  private poolSize = 0;

  private seedRes: number[] = [];
  private seedFlows: number[] = [];
  private stamp = 0;
  private readonly heap = new LevelHeap();
  private dirtyList: number[] = [];
  private frozenList: number[] = [];
  /** Flows whose rate changed in the last solve (valid until the next solve). */
  readonly changedFlows: number[] = [];
  /** Resources whose load may have changed in the last solve. */
  readonly changedResources: number[] = [];
  /** Solver events processed in total (benchmarks and tests). */
  eventsProcessed = 0;

  get resourceCount(): number {
    return this.nRes;
  }

  get pending(): boolean {
    return this.seedRes.length > 0 || this.seedFlows.length > 0;
  }

  addResource(capacity: number): number {
    const r = this.nRes++;
    if ((r + 1) * RS > this.rd.length) this.rd = growF64(this.rd, this.rd.length * 2);
    const b = r * RS;
    this.rd.fill(0, b, b + RS);
    this.rd[b + R_CAP] = capacity;
    this.rd[b + R_SAT] = Infinity;
    this.rFlows.push([]);
    this.rCoefs.push([]);
    this.rHop.push([]);
    return r;
  }

  capacity(r: number): number {
    return this.rd[r * RS + R_CAP]!;
  }

  setCapacity(r: number, capacity: number): void {
    if (this.rd[r * RS + R_CAP] === capacity) return;
    this.rd[r * RS + R_CAP] = capacity;
    this.seedRes.push(r);
  }

  /** Adds a flow; `cap` is its rate cap in bytes/s (Infinity for none). Returns its id. */
  addFlow(resources: readonly number[], coefs: readonly number[], weight: number, cap: number): number {
    if (resources.length > MAX_ROUTE_HOPS) {
      throw new ConfigError('flow', 'route', resources.length, `have at most ${MAX_ROUTE_HOPS} resources`);
    }
    const f = this.freeFlows.length > 0 ? this.freeFlows.pop()! : this.nFlowSlots++;
    if (f >= this.fAlive.length) this.growFlows();
    const fd = this.fd;
    const b = f * FS;
    fd[b + F_WEIGHT] = weight;
    fd[b + F_CAPLEVEL] = cap / weight;
    fd[b + F_LEVEL] = NaN; // equal to nothing: a new flow is always "changed"
    fd[b + F_RATE] = 0;
    fd[b + F_STAMP] = 0;
    fd[b + F_CHECK] = 0;
    this.fAlive[f] = 1;
    this.fLen[f] = resources.length;
    const hb = f * MAX_ROUTE_HOPS;
    for (let h = 0; h < resources.length; h++) {
      const r = resources[h]!;
      this.fRes[hb + h] = r;
      this.fCoef[hb + h] = coefs[h]!;
      this.fPos[hb + h] = this.rFlows[r]!.length;
      this.rFlows[r]!.push(f);
      this.rCoefs[r]!.push(coefs[h]!);
      this.rHop[r]!.push(h);
    }
    this.seedFlows.push(f);
    return f;
  }

  removeFlow(f: number): void {
    if (this.fAlive[f] !== 1) fail(`flow ${f} removed twice`);
    const rate = this.fd[f * FS + F_RATE]!;
    const hb = f * MAX_ROUTE_HOPS;
    const len = this.fLen[f]!;
    for (let h = 0; h < len; h++) {
      const r = this.fRes[hb + h]!;
      const flows = this.rFlows[r]!;
      const coefs = this.rCoefs[r]!;
      const hops = this.rHop[r]!;
      const i = this.fPos[hb + h]!;
      const last = flows.length - 1;
      if (i !== last) {
        const g = flows[last]!;
        const gh = hops[last]!;
        flows[i] = g;
        coefs[i] = coefs[last]!;
        hops[i] = gh;
        this.fPos[g * MAX_ROUTE_HOPS + gh] = i;
      }
      flows.pop();
      coefs.pop();
      hops.pop();
      // An idle resource has exactly zero load, whatever rounding came before.
      const lb = r * RS + R_LOAD;
      this.rd[lb] = flows.length === 0 ? 0 : this.rd[lb]! - this.fCoef[hb + h]! * rate;
      this.seedRes.push(r);
    }
    this.fAlive[f] = 0;
    this.fLen[f] = 0;
    this.fd[f * FS + F_RATE] = 0;
    this.freeFlows.push(f);
  }

  setFlowCap(f: number, cap: number): void {
    const b = f * FS;
    const capLevel = cap / this.fd[b + F_WEIGHT]!;
    if (capLevel === this.fd[b + F_CAPLEVEL]) return;
    this.fd[b + F_CAPLEVEL] = capLevel;
    this.seedFlows.push(f);
  }

  setFlowWeight(f: number, weight: number): void {
    const b = f * FS;
    const old = this.fd[b + F_WEIGHT]!;
    if (weight === old) return;
    this.fd[b + F_CAPLEVEL] = (this.fd[b + F_CAPLEVEL]! * old) / weight;
    this.fd[b + F_WEIGHT] = weight;
    this.seedFlows.push(f);
  }

  /** Current rate of a flow in bytes/s (as of the last solve). */
  rate(f: number): number {
    return this.fd[f * FS + F_RATE]!;
  }

  /** Current load of a resource: sum of coefficient * rate over its flows. */
  load(r: number): number {
    return this.rd[r * RS + R_LOAD]!;
  }

  /** True if the resource is saturated in the current solution. */
  saturated(r: number): boolean {
    return this.rd[r * RS + R_SAT] !== Infinity;
  }

  flowsOn(r: number): readonly number[] {
    return this.rFlows[r]!;
  }

  routeOf(f: number): number[] {
    const hb = f * MAX_ROUTE_HOPS;
    return Array.from(this.fRes.subarray(hb, hb + this.fLen[f]!));
  }

  /** Brings the allocation up to date with every change since the last solve. */
  solve(): void {
    this.changedFlows.length = 0;
    this.changedResources.length = 0;
    if (!this.pending) return;
    this.stamp++;
    this.heap.clear();
    this.dirtyList.length = 0;
    this.frozenList.length = 0;
    this.poolSize = 0;
    const stamp = this.stamp;
    const fd = this.fd;
    for (const f of this.seedFlows) {
      const b = f * FS;
      if (this.fAlive[f] !== 1 || fd[b + F_STAMP] === stamp) continue;
      fd[b + F_STAMP] = stamp;
      fd[b + F_STATE] = UNFROZEN;
      const capLevel = fd[b + F_CAPLEVEL]!;
      if (capLevel !== Infinity) this.heap.push(capLevel, SolverEvent.CAP, f, 0);
    }
    for (const r of this.seedRes) if (this.rd[r * RS + R_STAMP] !== stamp) this.makeDirty(r, 0);
    for (const f of this.seedFlows) {
      if (this.fAlive[f] !== 1) continue;
      const hb = f * MAX_ROUTE_HOPS;
      for (let h = 0; h < this.fLen[f]!; h++) {
        const r = this.fRes[hb + h]!;
        if (this.rd[r * RS + R_STAMP] !== stamp) this.makeDirty(r, 0);
      }
    }
    this.seedRes.length = 0;
    this.seedFlows.length = 0;
    this.drain();
    this.commit();
  }

  private drain(): void {
    const heap = this.heap;
    const rd = this.rd;
    while (heap.size > 0) {
      const level = heap.topLevel();
      const kind = heap.topKind();
      const id = heap.topId();
      const version = heap.topVersion();
      heap.pop();
      this.eventsProcessed++;
      if (kind === SolverEvent.SATURATE) {
        const b = id * RS;
        if (version !== rd[b + R_VERSION] || rd[b + R_SATNEW] !== Infinity) continue;
        // Freezes since this entry was pushed can only have delayed saturation.
        const t = this.tentative(id);
        if (t > level) {
          if (t !== Infinity) heap.push(t, SolverEvent.SATURATE, id, version);
        } else {
          this.saturate(id, level);
        }
      } else if (kind === SolverEvent.CAP) {
        if (this.stateOf(id) === UNFROZEN) this.freeze(id, level);
      } else if (this.stateOf(id) === UNTOUCHED) {
        this.check(id, level);
      }
    }
  }

  private commit(): void {
    const fd = this.fd;
    const rd = this.rd;
    for (const f of this.frozenList) {
      const b = f * FS;
      const level = fd[b + F_NEWLEVEL]!;
      fd[b + F_LEVEL] = level;
      const rate = fd[b + F_WEIGHT]! * level;
      const delta = rate - fd[b + F_RATE]!;
      if (delta === 0) continue;
      fd[b + F_RATE] = rate;
      this.changedFlows.push(f);
      const hb = f * MAX_ROUTE_HOPS;
      const len = this.fLen[f]!;
      for (let h = 0; h < len; h++) {
        const lb = this.fRes[hb + h]! * RS + R_LOAD;
        rd[lb] = rd[lb]! + this.fCoef[hb + h]! * delta;
      }
    }
    for (const r of this.dirtyList) {
      const b = r * RS;
      rd[b + R_SAT] = rd[b + R_SATNEW]!;
      this.changedResources.push(r);
    }
  }

  private stateOf(f: number): number {
    const b = f * FS;
    return this.fd[b + F_STAMP] === this.stamp ? this.fd[b + F_STATE]! : UNTOUCHED;
  }

  /** Starts replaying resource r from level `lam` (its load diverges from there on). */
  private makeDirty(r: number, lam: number): void {
    const rd = this.rd;
    const b = r * RS;
    if (rd[b + R_STAMP] === this.stamp) {
      if (rd[b + R_SATNEW] === Infinity) this.refresh(r, lam);
      return;
    }
    rd[b + R_STAMP] = this.stamp;
    this.dirtyList.push(r);
    const sat = rd[b + R_SAT]!;
    // Clean up to `lam` and saturated below it: it saturated at the same level
    // in the new allocation, and nothing on it can move.
    if (sat < lam) {
      rd[b + R_SATNEW] = sat;
      rd[b + R_VERSION]!++;
      return;
    }
    rd[b + R_SATNEW] = Infinity;
    if (sat !== Infinity) this.checkBottlenecked(r, sat);
    this.refresh(r, lam);
  }

  /** Flows whose old bottleneck was r may now rise past their old level: check them there. */
  private checkBottlenecked(r: number, sat: number): void {
    const flows = this.rFlows[r]!;
    const fd = this.fd;
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i]!;
      const b = f * FS;
      if (fd[b + F_LEVEL] !== sat || fd[b + F_CAPLEVEL] === sat) continue;
      if (fd[b + F_CHECK] === this.stamp || fd[b + F_STAMP] === this.stamp) continue;
      fd[b + F_CHECK] = this.stamp;
      this.heap.push(sat, SolverEvent.CHECK, f, 0);
    }
  }

  /** Sums r's remaining capacity and rising weight at level `lam` exactly, and lists its pending freezes. */
  private refresh(r: number, lam: number): void {
    const flows = this.rFlows[r]!;
    const coefs = this.rCoefs[r]!;
    const fd = this.fd;
    const stamp = this.stamp;
    let load = 0;
    let w = 0;
    let count = 0;
    const start = this.poolSize;
    if (start + flows.length > this.poolLevel.length) this.growPool(start + flows.length);
    const poolLevel = this.poolLevel;
    const poolFlow = this.poolFlow;
    const poolCw = this.poolCw;
    let end = start;
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i]!;
      const b = f * FS;
      const cw = coefs[i]! * fd[b + F_WEIGHT]!;
      if (fd[b + F_STAMP] === stamp) {
        if (fd[b + F_STATE] === FROZEN) {
          load += cw * fd[b + F_NEWLEVEL]!;
          continue;
        }
      } else {
        const old = fd[b + F_LEVEL]!;
        if (old < lam) {
          load += cw * old;
          continue;
        }
        poolLevel[end] = old;
        poolFlow[end] = f;
        poolCw[end] = cw;
        end++;
      }
      load += cw * lam;
      w += cw;
      count++;
    }
    sortPool(this.poolLevel, this.poolFlow, this.poolCw, start, end);
    this.poolSize = end;
    const rd = this.rd;
    const rb = r * RS;
    rd[rb + R_PEND_HEAD] = start;
    rd[rb + R_PEND_END] = end;
    rd[rb + R_REM] = rd[rb + R_CAP]! - load;
    rd[rb + R_LAM] = lam;
    rd[rb + R_W] = w;
    rd[rb + R_COUNT] = count;
    rd[rb + R_W_REFRESH] = w;
    this.schedule(r);
  }

  /** Pushes a fresh saturation event for r (invalidating older ones). */
  private schedule(r: number): void {
    const version = ++this.rd[r * RS + R_VERSION]!;
    const t = this.tentative(r);
    if (t !== Infinity) this.heap.push(t, SolverEvent.SATURATE, r, version);
  }

  /**
   * The level at which r saturates if nothing else changes: the fill goes on
   * from (R_LAM, R_REM) with weight R_W, which drops at each pending implicit
   * freeze still valid (its flow untouched so far).
   */
  private tentative(r: number): number {
    const rd = this.rd;
    const rb = r * RS;
    let rem = rd[rb + R_REM]!;
    let lam = rd[rb + R_LAM]!;
    let w = rd[rb + R_W]!;
    let count = rd[rb + R_COUNT]!;
    const end = rd[rb + R_PEND_END]!;
    const fd = this.fd;
    for (let i = rd[rb + R_PEND_HEAD]!; i < end && count > 0; i++) {
      const f = this.poolFlow[i]!;
      if (fd[f * FS + F_STAMP] === this.stamp) continue;
      const x = this.poolLevel[i]!;
      const t = lam + (rem > 0 ? rem / w : 0);
      if (t <= x) return t;
      rem -= w * (x - lam);
      lam = x;
      w -= this.poolCw[i]!;
      count--;
    }
    if (count <= 0 || !(w > 0)) return Infinity;
    return lam + (rem > 0 ? rem / w : 0);
  }

  /** Moves r's fill state up to level y, applying the implicit freezes below y. */
  private advance(r: number, y: number): void {
    const rd = this.rd;
    const rb = r * RS;
    let rem = rd[rb + R_REM]!;
    let lam = rd[rb + R_LAM]!;
    let w = rd[rb + R_W]!;
    let count = rd[rb + R_COUNT]!;
    const end = rd[rb + R_PEND_END]!;
    const fd = this.fd;
    let i = rd[rb + R_PEND_HEAD]!;
    for (; i < end; i++) {
      const x = this.poolLevel[i]!;
      if (x >= y) break;
      const f = this.poolFlow[i]!;
      if (fd[f * FS + F_STAMP] === this.stamp) continue;
      rem -= w * (x - lam);
      lam = x;
      w -= this.poolCw[i]!;
      count--;
    }
    rd[rb + R_PEND_HEAD] = i;
    rd[rb + R_REM] = rem - w * (y - lam);
    rd[rb + R_LAM] = y;
    rd[rb + R_W] = count === 0 ? 0 : w;
    rd[rb + R_COUNT] = count;
  }

  private saturate(r: number, lam: number): void {
    this.advance(r, lam);
    const rd = this.rd;
    const rb = r * RS;
    rd[rb + R_SATNEW] = lam;
    rd[rb + R_VERSION]!++;
    const flows = this.rFlows[r]!;
    const fd = this.fd;
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i]!;
      const state = this.stateOf(f);
      if (state === UNFROZEN || (state === UNTOUCHED && fd[f * FS + F_LEVEL]! >= lam)) this.freeze(f, lam);
    }
    rd[rb + R_COUNT] = 0;
    rd[rb + R_W] = 0;
  }

  /** Fixes flow f at level lam and updates every resource on its route. */
  private freeze(f: number, lam: number): void {
    const fd = this.fd;
    const rd = this.rd;
    const b = f * FS;
    const stamp = this.stamp;
    const diverged = (fd[b + F_STAMP] === stamp && fd[b + F_STATE] === UNFROZEN) || lam !== fd[b + F_LEVEL];
    fd[b + F_STAMP] = stamp;
    fd[b + F_STATE] = FROZEN;
    fd[b + F_NEWLEVEL] = lam;
    this.frozenList.push(f);
    const w = fd[b + F_WEIGHT]!;
    const hb = f * MAX_ROUTE_HOPS;
    const len = this.fLen[f]!;
    for (let h = 0; h < len; h++) {
      const r = this.fRes[hb + h]!;
      const rb = r * RS;
      if (rd[rb + R_STAMP] === stamp) {
        if (rd[rb + R_SATNEW] !== Infinity) continue;
        this.advance(r, lam);
        const count = --rd[rb + R_COUNT]!;
        const rw = count === 0 ? 0 : rd[rb + R_W]! - this.fCoef[hb + h]! * w;
        rd[rb + R_W] = rw;
        // Saturation can only move later: the queued event is re-keyed when it pops.
        if (count > 0 && rw < rd[rb + R_W_REFRESH]! * REFRESH_FRACTION) this.refresh(r, lam);
      } else if (diverged) {
        this.makeDirty(r, lam);
      }
    }
  }

  /**
   * The water level has reached the old level of a flow whose old bottleneck
   * became dirty. It stays there if its cap or a clean resource that
   * saturated at that level still holds it; otherwise it is released and
   * rises, and its resources become dirty (or saturate sooner, if dirty).
   */
  private check(f: number, lam: number): void {
    const fd = this.fd;
    const rd = this.rd;
    const b = f * FS;
    const stamp = this.stamp;
    const hb = f * MAX_ROUTE_HOPS;
    const len = this.fLen[f]!;
    let held = fd[b + F_CAPLEVEL] === lam;
    for (let h = 0; !held && h < len; h++) {
      const rb = this.fRes[hb + h]! * RS;
      if (rd[rb + R_STAMP] !== stamp && rd[rb + R_SAT] === lam) held = true;
    }
    if (held) return; // stays implicitly frozen at its old level
    fd[b + F_STAMP] = stamp;
    fd[b + F_STATE] = UNFROZEN;
    for (let h = 0; h < len; h++) {
      const r = this.fRes[hb + h]!;
      const rb = r * RS;
      if (rd[rb + R_STAMP] !== stamp) this.makeDirty(r, lam);
      else if (rd[rb + R_SATNEW] === Infinity) this.schedule(r);
    }
    const capLevel = fd[b + F_CAPLEVEL]!;
    if (capLevel !== Infinity) this.heap.push(capLevel, SolverEvent.CAP, f, 0);
  }

  private growPool(min: number): void {
    let n = this.poolLevel.length;
    while (n < min) n *= 2;
    this.poolLevel = growF64(this.poolLevel, n);
    this.poolFlow = growI32(this.poolFlow, n);
    this.poolCw = growF64(this.poolCw, n);
  }

  private growFlows(): void {
    const n = this.fAlive.length * 2;
    this.fd = growF64(this.fd, n * FS);
    this.fAlive = growU8(this.fAlive, n);
    this.fLen = growU8(this.fLen, n);
    this.fRes = growI32(this.fRes, n * MAX_ROUTE_HOPS);
    this.fCoef = growF64(this.fCoef, n * MAX_ROUTE_HOPS);
    this.fPos = growI32(this.fPos, n * MAX_ROUTE_HOPS);
  }
}

