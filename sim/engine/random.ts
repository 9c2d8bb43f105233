/**
 * Seeded random streams, one per component path (DESIGN.md, decision 3).
 *
 * A stream is derived from the scenario seed and the component's path, e.g.
 * `vm/web-017/workload`, so adding a VM never changes the draws of any other
 * component. This is the only module of the engine that turns uniform draws
 * into other distributions (and so the only one calling Math.log / Math.exp
 * for sampling).
 */
// Alea alone: the package's index also loads node:crypto (see seedrandom-alea.d.ts).
import alea from 'seedrandom/lib/alea.js';
import { assert, fail } from './errors.js';

/** Alea's whole state: four numbers (seedrandom's `state()` form). */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

export class RandomStream {
  private readonly next: () => number;
  private readonly aleaState: () => AleaState;

  constructor(readonly seed: number | string, readonly path: string) {
    // Alea is fast and has a long period; the derived seed string makes each
    // path's stream independent of every other path's. Asking for its state
    // changes no draw.
    const prng = alea(`vmbsim:${String(seed)}:${path}`, { state: true });
    this.next = prng;
    this.aleaState = prng.state;
  }

  /** A copy of the generator's state now: an `AleaCursor` built from it draws what this stream draws next. */
  state(): AleaState {
    return this.aleaState();
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform whole number in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && hi >= lo)) fail(`int(${lo}, ${hi}) needs whole numbers, lo <= hi`);
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Normal by Box-Muller (one of the pair is discarded to keep the stream stateless). */
  normal(mean: number, stdDev: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + stdDev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal whose underlying normal has parameters mu and sigma. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    assert(items.length > 0, 'pick from an empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A Fisher-Yates shuffled copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}

/**
 * A second reader of a stream's draws: Alea's step on four numbers of its own,
 * the same arithmetic as seedrandom's (so the same doubles, bit for bit).
 * Built from `RandomStream.state()`, it draws what the stream would draw next,
 * without moving the stream: a change process counts its writes ahead with
 * one and draws them later from the stream (change-process.ts).
 */
export class AleaCursor {
  private c = 0;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;

  /** Continues from `state` (a copy: the cursor and the state's owner go on independently). */
  setState(state: AleaState): void {
    this.c = state.c;
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
  }

  /** Uniform in [0, 1): RandomStream.uniform's next value. */
  uniform(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  }

  /** Moves past `count` draws. */
  skip(count: number): void {
    for (let k = 0; k < count; k++) this.uniform();
  }
}

/** Hands out one stream per path; asking twice for a path is a programmer error. */
export class RandomStreams {
  private readonly issued = new Set<string>();

  constructor(readonly seed: number | string) {}

  stream(path: string): RandomStream {
    if (this.issued.has(path)) fail(`random stream ${path} issued twice (each component owns its stream)`);
    this.issued.add(path);
    return new RandomStream(this.seed, path);
  }
}
