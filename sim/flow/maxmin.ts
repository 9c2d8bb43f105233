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
 * Storage is index-based: resources and flows are small integers, scalars live
 * in typed arrays, and flow ids are recycled through a free list, so memory is
 * linear in flows plus resources.
 */
import { fail } from '../engine/errors.js';
import { LevelHeap, SolverEvent } from './level-heap.js';

const UNTOUCHED = 0; // level as in the old solution (until proven otherwise)
const UNFROZEN = 1; // rising with the water level in this solve
const FROZEN = 2; // new level fixed in this solve

/** Recompute a dirty resource's sums exactly once its unfrozen count halves, to bound rounding drift. */
const REFRESH_RATIO = 2;

export class MaxMinSolver {
  // ---- Resources ----
  private rCap = new Float64Array(64);
  private rSat = new Float64Array(64); // saturation level in the current solution (Infinity: not saturated)
  private rLoad = new Float64Array(64); // sum of coef * rate, kept incrementally
  private rFlows: number[][] = [];
  private rCoefs: number[][] = [];
  private rHop: number[][] = [];
  private nRes = 0;
  // Per-solve resource state.
  private rStamp = new Int32Array(64);
  private rRem = new Float64Array(64); // remaining capacity at level rLam
  private rLam = new Float64Array(64);
  private rW = new Float64Array(64); // sum of c*w over flows still rising (incl. pending implicit freezes)
  private rCount = new Int32Array(64); // number of such flows
  private rCountAtRefresh = new Int32Array(64);
  private rVersion = new Int32Array(64);
  private rSatNew = new Float64Array(64);
  private rPendHead = new Int32Array(64); // pending implicit freezes: pool[head, end)
  private rPendEnd = new Int32Array(64);

  // ---- Flows ----
  private fWeight = new Float64Array(64);
  private fCapLevel = new Float64Array(64); // cap / weight (Infinity: uncapped)
  private fLevel = new Float64Array(64); // level in the current solution
  private fRate = new Float64Array(64); // rate in the current solution, bytes/s
  private fAlive = new Uint8Array(64);
  private fRes: number[][] = [];
  private fCoef: number[][] = [];
  private fPos: number[][] = [];
  private freeFlows: number[] = [];
  private nFlowSlots = 0;
  // Per-solve flow state.
  private fStamp = new Int32Array(64);
  private fState = new Uint8Array(64);
  private fNewLevel = new Float64Array(64);
  private fCheckStamp = new Int32Array(64);

  // ---- Pending-freeze pool (reset every solve) ----
  private poolLevel = new Float64Array(1024);
  private poolFlow = new Int32Array(1024);
  private poolCw = new Float64Array(1024);
  private poolSize = 0;

  // ---- Pending changes and solve scratch ----
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
    if (r >= this.rCap.length) this.growResources();
    this.rCap[r] = capacity;
    this.rSat[r] = Infinity;
    this.rLoad[r] = 0;
    this.rFlows.push([]);
    this.rCoefs.push([]);
    this.rHop.push([]);
    this.rStamp[r] = 0;
    return r;
  }

  capacity(r: number): number {
    return this.rCap[r]!;
  }

  setCapacity(r: number, capacity: number): void {
    if (this.rCap[r] === capacity) return;
    this.rCap[r] = capacity;
    this.seedRes.push(r);
  }

  /** Adds a flow; `cap` is its rate cap in bytes/s (Infinity for none). Returns its id. */
  addFlow(resources: readonly number[], coefs: readonly number[], weight: number, cap: number): number {
    const f = this.freeFlows.length > 0 ? this.freeFlows.pop()! : this.nFlowSlots++;
    if (f >= this.fWeight.length) this.growFlows();
    this.fWeight[f] = weight;
    this.fCapLevel[f] = cap / weight;
    this.fLevel[f] = NaN; // equal to nothing: a new flow is always "changed"
    this.fRate[f] = 0;
    this.fAlive[f] = 1;
    this.fStamp[f] = 0;
    this.fCheckStamp[f] = 0;
    const res = resources.slice();
    const cs = coefs.slice();
    const pos: number[] = new Array<number>(res.length);
    for (let h = 0; h < res.length; h++) {
      const r = res[h]!;
      pos[h] = this.rFlows[r]!.length;
      this.rFlows[r]!.push(f);
      this.rCoefs[r]!.push(cs[h]!);
      this.rHop[r]!.push(h);
    }
    this.fRes[f] = res;
    this.fCoef[f] = cs;
    this.fPos[f] = pos;
    this.seedFlows.push(f);
    return f;
  }

  removeFlow(f: number): void {
    if (!(this.fAlive[f] === 1)) fail(`flow ${f} removed twice`);
    const res = this.fRes[f]!;
    const cs = this.fCoef[f]!;
    const pos = this.fPos[f]!;
    const rate = this.fRate[f]!;
    for (let h = 0; h < res.length; h++) {
      const r = res[h]!;
      const flows = this.rFlows[r]!;
      const coefs = this.rCoefs[r]!;
      const hops = this.rHop[r]!;
      const i = pos[h]!;
      const last = flows.length - 1;
      if (i !== last) {
        const g = flows[last]!;
        const gh = hops[last]!;
        flows[i] = g;
        coefs[i] = coefs[last]!;
        hops[i] = gh;
        this.fPos[g]![gh] = i;
      }
      flows.pop();
      coefs.pop();
      hops.pop();
      // An idle resource has exactly zero load, whatever rounding came before.
      this.rLoad[r] = flows.length === 0 ? 0 : this.rLoad[r]! - cs[h]! * rate;
      this.seedRes.push(r);
    }
    this.fAlive[f] = 0;
    this.fRate[f] = 0;
    this.fRes[f] = [];
    this.fCoef[f] = [];
    this.fPos[f] = [];
    this.freeFlows.push(f);
  }

  setFlowCap(f: number, cap: number): void {
    const capLevel = cap / this.fWeight[f]!;
    if (capLevel === this.fCapLevel[f]) return;
    this.fCapLevel[f] = capLevel;
    this.seedFlows.push(f);
  }

  setFlowWeight(f: number, weight: number): void {
    if (weight === this.fWeight[f]) return;
    const cap = this.fCapLevel[f]! * this.fWeight[f]!;
    this.fWeight[f] = weight;
    this.fCapLevel[f] = cap / weight;
    this.seedFlows.push(f);
  }

  /** Current rate of a flow in bytes/s (as of the last solve). */
  rate(f: number): number {
    return this.fRate[f]!;
  }

  /** Current load of a resource: sum of coefficient * rate over its flows. */
  load(r: number): number {
    return this.rLoad[r]!;
  }

  /** True if the resource is saturated in the current solution. */
  saturated(r: number): boolean {
    return this.rSat[r] !== Infinity;
  }

  flowsOn(r: number): readonly number[] {
    return this.rFlows[r]!;
  }

  routeOf(f: number): readonly number[] {
    return this.fRes[f]!;
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
    for (const f of this.seedFlows) {
      if (this.fAlive[f] !== 1 || this.fStamp[f] === stamp) continue;
      this.fStamp[f] = stamp;
      this.fState[f] = UNFROZEN;
      if (this.fCapLevel[f] !== Infinity) this.heap.push(this.fCapLevel[f]!, SolverEvent.CAP, f, 0);
    }
    for (const r of this.seedRes) if (this.rStamp[r] !== stamp) this.makeDirty(r, 0);
    for (const f of this.seedFlows) {
      if (this.fAlive[f] !== 1) continue;
      for (const r of this.fRes[f]!) if (this.rStamp[r] !== stamp) this.makeDirty(r, 0);
    }
    this.seedRes.length = 0;
    this.seedFlows.length = 0;
    this.drain();
    this.commit();
  }

  private drain(): void {
    const heap = this.heap;
    while (heap.size > 0) {
      const level = heap.topLevel();
      const kind = heap.topKind();
      const id = heap.topId();
      const version = heap.topVersion();
      heap.pop();
      this.eventsProcessed++;
      if (kind === SolverEvent.SATURATE) {
        if (version !== this.rVersion[id] || this.rSatNew[id] !== Infinity) continue;
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
    for (const f of this.frozenList) {
      const level = this.fNewLevel[f]!;
      this.fLevel[f] = level;
      const rate = this.fWeight[f]! * level;
      const delta = rate - this.fRate[f]!;
      if (delta === 0) continue;
      this.fRate[f] = rate;
      this.changedFlows.push(f);
      const res = this.fRes[f]!;
      const cs = this.fCoef[f]!;
      for (let h = 0; h < res.length; h++) this.rLoad[res[h]!] = this.rLoad[res[h]!]! + cs[h]! * delta;
    }
    for (const r of this.dirtyList) {
      this.rSat[r] = this.rSatNew[r]!;
      this.changedResources.push(r);
    }
  }

  private stateOf(f: number): number {
    return this.fStamp[f] === this.stamp ? this.fState[f]! : UNTOUCHED;
  }

  /** Starts replaying resource r from level `lam` (its load diverges from there on). */
  private makeDirty(r: number, lam: number): void {
    if (this.rStamp[r] === this.stamp) {
      if (this.rSatNew[r] === Infinity) this.refresh(r, lam);
      return;
    }
    this.rStamp[r] = this.stamp;
    this.dirtyList.push(r);
    const sat = this.rSat[r]!;
    // Clean up to `lam` and saturated below it: it saturated at the same level
    // in the new allocation, and nothing on it can move.
    if (sat < lam) {
      this.rSatNew[r] = sat;
      this.rVersion[r]!++;
      return;
    }
    this.rSatNew[r] = Infinity;
    if (sat !== Infinity) this.checkBottlenecked(r, sat);
    this.refresh(r, lam);
  }

  /** Flows whose old bottleneck was r may now rise past their old level: check them there. */
  private checkBottlenecked(r: number, sat: number): void {
    const flows = this.rFlows[r]!;
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i]!;
      if (this.fLevel[f] !== sat || this.fCapLevel[f] === sat) continue;
      if (this.fCheckStamp[f] === this.stamp || this.stateOf(f) !== UNTOUCHED) continue;
      this.fCheckStamp[f] = this.stamp;
      this.heap.push(sat, SolverEvent.CHECK, f, 0);
    }
  }

  /** Sums r's remaining capacity and rising weight at level `lam` exactly, and lists its pending freezes. */
  private refresh(r: number, lam: number): void {
    const flows = this.rFlows[r]!;
    const coefs = this.rCoefs[r]!;
    let load = 0;
    let w = 0;
    let count = 0;
    const start = this.poolSize;
    if (start + flows.length > this.poolLevel.length) this.growPool(start + flows.length);
    let end = start;
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i]!;
      const cw = coefs[i]! * this.fWeight[f]!;
      const state = this.stateOf(f);
      if (state === FROZEN) {
        load += cw * this.fNewLevel[f]!;
        continue;
      }
      if (state === UNTOUCHED) {
        const old = this.fLevel[f]!;
        if (old < lam) {
          load += cw * old;
          continue;
        }
        this.poolLevel[end] = old;
        this.poolFlow[end] = f;
        this.poolCw[end] = cw;
        end++;
      }
      load += cw * lam;
      w += cw;
      count++;
    }
    this.sortPool(start, end);
    this.poolSize = end;
    this.rPendHead[r] = start;
    this.rPendEnd[r] = end;
    this.rRem[r] = this.rCap[r]! - load;
    this.rLam[r] = lam;
    this.rW[r] = w;
    this.rCount[r] = count;
    this.rCountAtRefresh[r] = count;
    this.schedule(r);
  }

  /** Pushes a fresh saturation event for r (invalidating older ones). */
  private schedule(r: number): void {
    const version = ++this.rVersion[r]!;
    const t = this.tentative(r);
    if (t !== Infinity) this.heap.push(t, SolverEvent.SATURATE, r, version);
  }

  /**
   * The level at which r saturates if nothing else changes: the fill goes on
   * from (rLam, rRem) with weight rW, which drops at each pending implicit
   * freeze still valid (its flow untouched so far).
   */
  private tentative(r: number): number {
    let rem = this.rRem[r]!;
    let lam = this.rLam[r]!;
    let w = this.rW[r]!;
    let count = this.rCount[r]!;
    const end = this.rPendEnd[r]!;
    for (let i = this.rPendHead[r]!; i < end && count > 0; i++) {
      const f = this.poolFlow[i]!;
      if (this.stateOf(f) !== UNTOUCHED) continue;
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
    let rem = this.rRem[r]!;
    let lam = this.rLam[r]!;
    let w = this.rW[r]!;
    let count = this.rCount[r]!;
    const end = this.rPendEnd[r]!;
    let i = this.rPendHead[r]!;
    for (; i < end; i++) {
      const x = this.poolLevel[i]!;
      if (x >= y) break;
      const f = this.poolFlow[i]!;
      if (this.stateOf(f) !== UNTOUCHED) continue;
      rem -= w * (x - lam);
      lam = x;
      w -= this.poolCw[i]!;
      count--;
    }
    this.rPendHead[r] = i;
    this.rRem[r] = rem - w * (y - lam);
    this.rLam[r] = y;
    this.rW[r] = count === 0 ? 0 : w;
    this.rCount[r] = count;
  }

  private saturate(r: number, lam: number): void {
    this.advance(r, lam);
    this.rSatNew[r] = lam;
    this.rVersion[r]!++;
    const flows = this.rFlows[r]!;
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i]!;
      const state = this.stateOf(f);
      if (state === UNFROZEN || (state === UNTOUCHED && this.fLevel[f]! >= lam)) this.freeze(f, lam);
    }
    this.rCount[r] = 0;
    this.rW[r] = 0;
  }

  /** Fixes flow f at level lam and updates every resource on its route. */
  private freeze(f: number, lam: number): void {
    const diverged = this.stateOf(f) === UNFROZEN || lam !== this.fLevel[f];
    this.fStamp[f] = this.stamp;
    this.fState[f] = FROZEN;
    this.fNewLevel[f] = lam;
    this.frozenList.push(f);
    const res = this.fRes[f]!;
    const coefs = this.fCoef[f]!;
    const w = this.fWeight[f]!;
    for (let h = 0; h < res.length; h++) {
      const r = res[h]!;
      if (this.rStamp[r] === this.stamp) {
        if (this.rSatNew[r] !== Infinity) continue;
        this.advance(r, lam);
        const count = --this.rCount[r]!;
        this.rW[r] = count === 0 ? 0 : this.rW[r]! - coefs[h]! * w;
        // Saturation can only move later: the queued event is re-keyed when it pops.
        if (count * REFRESH_RATIO < this.rCountAtRefresh[r]!) this.refresh(r, lam);
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
    let held = this.fCapLevel[f] === lam;
    const res = this.fRes[f]!;
    for (let h = 0; !held && h < res.length; h++) {
      const r = res[h]!;
      if (this.rStamp[r] !== this.stamp && this.rSat[r] === lam) held = true;
    }
    if (held) return; // stays implicitly frozen at its old level
    this.fStamp[f] = this.stamp;
    this.fState[f] = UNFROZEN;
    for (const r of res) {
      if (this.rStamp[r] !== this.stamp) this.makeDirty(r, lam);
      else if (this.rSatNew[r] === Infinity) this.schedule(r);
    }
    if (this.fCapLevel[f] !== Infinity) this.heap.push(this.fCapLevel[f]!, SolverEvent.CAP, f, 0);
  }

  /** Sorts pool[start, end) by level, then flow id (insertion sort: segments are short). */
  private sortPool(start: number, end: number): void {
    const lv = this.poolLevel;
    const fl = this.poolFlow;
    const cw = this.poolCw;
    if (end - start > 48) {
      const idx: number[] = [];
      for (let i = start; i < end; i++) idx.push(i);
      idx.sort((a, b) => lv[a]! - lv[b]! || fl[a]! - fl[b]!);
      const l2 = idx.map((i) => lv[i]!);
      const f2 = idx.map((i) => fl[i]!);
      const c2 = idx.map((i) => cw[i]!);
      for (let k = 0; k < idx.length; k++) {
        lv[start + k] = l2[k]!;
        fl[start + k] = f2[k]!;
        cw[start + k] = c2[k]!;
      }
      return;
    }
    for (let i = start + 1; i < end; i++) {
      const l = lv[i]!;
      const f = fl[i]!;
      const c = cw[i]!;
      let j = i - 1;
      while (j >= start && (lv[j]! > l || (lv[j] === l && fl[j]! > f))) {
        lv[j + 1] = lv[j]!;
        fl[j + 1] = fl[j]!;
        cw[j + 1] = cw[j]!;
        j--;
      }
      lv[j + 1] = l;
      fl[j + 1] = f;
      cw[j + 1] = c;
    }
  }

  private growPool(min: number): void {
    let n = this.poolLevel.length;
    while (n < min) n *= 2;
    this.poolLevel = growF64(this.poolLevel, n);
    this.poolFlow = growI32(this.poolFlow, n);
    this.poolCw = growF64(this.poolCw, n);
  }

  private growResources(): void {
    const n = this.rCap.length * 2;
    this.rCap = growF64(this.rCap, n);
    this.rSat = growF64(this.rSat, n);
    this.rLoad = growF64(this.rLoad, n);
    this.rStamp = growI32(this.rStamp, n);
    this.rRem = growF64(this.rRem, n);
    this.rLam = growF64(this.rLam, n);
    this.rW = growF64(this.rW, n);
    this.rCount = growI32(this.rCount, n);
    this.rCountAtRefresh = growI32(this.rCountAtRefresh, n);
    this.rVersion = growI32(this.rVersion, n);
    this.rSatNew = growF64(this.rSatNew, n);
    this.rPendHead = growI32(this.rPendHead, n);
    this.rPendEnd = growI32(this.rPendEnd, n);
  }

  private growFlows(): void {
    const n = this.fWeight.length * 2;
    this.fWeight = growF64(this.fWeight, n);
    this.fCapLevel = growF64(this.fCapLevel, n);
    this.fLevel = growF64(this.fLevel, n);
    this.fRate = growF64(this.fRate, n);
    this.fAlive = growU8(this.fAlive, n);
    this.fStamp = growI32(this.fStamp, n);
    this.fState = growU8(this.fState, n);
    this.fNewLevel = growF64(this.fNewLevel, n);
    this.fCheckStamp = growI32(this.fCheckStamp, n);
  }
}

function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
