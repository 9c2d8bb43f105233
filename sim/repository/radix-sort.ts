/**
 * Sorting 32-bit numbers (alone, or with a second array moved along), for
 * batch work that wants to visit a huge table in address order: garbage
 * collection removes millions of index entries a night, and in address order
 * they share cache lines and memory pages instead of each costing a miss. A
 * least-significant-digit radix sort with 11-bit digits (the counts fit in
 * L1), skipping a digit every key shares: linear time, stable, and
 * allocation-free once its buffers have grown.
 */

const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;

export class RadixSorter {
  private keysB: Uint32Array = new Uint32Array(0);
  private valuesB: Uint32Array = new Uint32Array(0);
  private readonly counts = new Uint32Array(DIGITS);

  /** Sorts `keys[0, n)` ascending, moving `values[0, n)` along if given; ties keep their order. */
  sort(keys: Uint32Array, n: number, values?: Uint32Array): void {
    if (this.keysB.length < n) {
      this.keysB = new Uint32Array(n);
      if (values !== undefined) this.valuesB = new Uint32Array(n);
    }
    if (values !== undefined && this.valuesB.length < n) this.valuesB = new Uint32Array(n);
    let srcK = keys;
    let srcV = values;
    let dstK = this.keysB;
    let dstV = values === undefined ? undefined : this.valuesB;
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      if (!this.pass(srcK, srcV, dstK, dstV, n, shift)) continue;
      [srcK, dstK] = [dstK, srcK];
      [srcV, dstV] = [dstV, srcV];
    }
    if (srcK !== keys) {
      keys.set(srcK.subarray(0, n));
      if (values !== undefined) values.set(srcV!.subarray(0, n));
    }
  }

  /** One stable counting pass on one digit; false (and nothing moved) when every key has the same digit. */
  private pass(srcK: Uint32Array, srcV: Uint32Array | undefined, dstK: Uint32Array, dstV: Uint32Array | undefined, n: number, shift: number): boolean {
    const counts = this.counts;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(srcK[i]! >>> shift) & DIGIT_MASK]!++;
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = counts[d]!;
      if (c === n) return false;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = srcK[i]!;
      const at = counts[(k >>> shift) & DIGIT_MASK]!++;
      dstK[at] = k;
      if (dstV !== undefined) dstV[at] = srcV![i]!;
    }
    return true;
  }
}
