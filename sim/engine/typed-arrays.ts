/**
 * Growing typed arrays. The engine keeps hot per-flow and per-resource state
 * in typed arrays (contiguous, unboxed, cache-friendly); these copy one into a
 * larger array when its ids outgrow it. Capacities double, so growth costs
 * amortised O(1) per element.
 */
export function growF64(a: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

export function growI32(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

export function growU8(a: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}

/** The smallest power-of-two multiple of `current` that is at least `min`. */
export function doubledSize(current: number, min: number): number {
  let n = Math.max(1, current);
  while (n < min) n *= 2;
  return n;
}
