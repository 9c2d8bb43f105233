/**
 * A min-heap of solver events keyed by (water level, kind, id).
 *
 * The max-min solver processes resource saturations, rate-cap hits and
 * "does this flow's old bottleneck still hold?" checks in increasing water
 * level. Ties are broken by kind (saturations first) and then by id, so the
 * order never depends on insertion accidents. Entries are never updated in
 * place: a re-keyed resource pushes a new entry with a new version and stale
 * entries are skipped when popped (lazy deletion).
 */
import { growF64, growI32, growU8 } from '../engine/typed-arrays.js';

export const SolverEvent = { SATURATE: 0, CAP: 1, CHECK: 2 } as const;

const KIND_SPAN = 2 ** 32;

export class LevelHeap {
  private levels = new Float64Array(1024);
  private keys = new Float64Array(1024);
  private versions = new Int32Array(1024);
  private ids = new Int32Array(1024); // id and kind kept apart from the packed key: no float division on pop
  private kinds = new Uint8Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  clear(): void {
    this.n = 0;
  }

  push(level: number, kind: number, id: number, version: number): void {
    if (this.n === this.levels.length) this.grow();
    const key = kind * KIND_SPAN + id;
    const levels = this.levels;
    const keys = this.keys;
    const versions = this.versions;
    const ids = this.ids;
    const kinds = this.kinds;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pl = levels[p]!;
      if (pl < level || (pl === level && keys[p]! <= key)) break;
      levels[i] = pl;
      keys[i] = keys[p]!;
      versions[i] = versions[p]!;
      ids[i] = ids[p]!;
      kinds[i] = kinds[p]!;
      i = p;
    }
    levels[i] = level;
    keys[i] = key;
    versions[i] = version;
    ids[i] = id;
    kinds[i] = kind;
  }

  /** Level of the top entry. */
  topLevel(): number {
    return this.levels[0]!;
  }
  topKind(): number {
    return this.kinds[0]!;
  }
  topId(): number {
    return this.ids[0]!;
  }
  topVersion(): number {
    return this.versions[0]!;
  }

  pop(): void {
    const levels = this.levels;
    const keys = this.keys;
    const versions = this.versions;
    const ids = this.ids;
    const kinds = this.kinds;
    const n = --this.n;
    if (n === 0) return;
    const l = levels[n]!;
    const k = keys[n]!;
    const v = versions[n]!;
    const id = ids[n]!;
    const kind = kinds[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let cl = levels[c]!;
      let ck = keys[c]!;
      const r = c + 1;
      if (r < n) {
        const rl = levels[r]!;
        const rk = keys[r]!;
        if (rl < cl || (rl === cl && rk < ck)) {
          c = r;
          cl = rl;
          ck = rk;
        }
      }
      if (l < cl || (l === cl && k <= ck)) break;
      levels[i] = cl;
      keys[i] = ck;
      versions[i] = versions[c]!;
      ids[i] = ids[c]!;
      kinds[i] = kinds[c]!;
      i = c;
    }
    levels[i] = l;
    keys[i] = k;
    versions[i] = v;
    ids[i] = id;
    kinds[i] = kind;
  }

  private grow(): void {
    const size = this.levels.length * 2;
    this.levels = growF64(this.levels, size);
    this.keys = growF64(this.keys, size);
    this.versions = growI32(this.versions, size);
    this.ids = growI32(this.ids, size);
    this.kinds = growU8(this.kinds, size);
  }

}
