/**
 * A growable stack of 32-bit numbers in one typed array: the free list, the
 * reference-drop log and the collector's lists hold millions of entries a
 * night, which a plain array would box and scatter.
 */
export class U32Stack {
  private items: Uint32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.items = new Uint32Array(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.items.byteLength;
  }

  /** The last pushed value (the stack must not be empty). */
  get top(): number {
    return this.items[this.count - 1]!;
  }

  push(value: number): void {
    if (this.count === this.items.length) {
      const next = new Uint32Array(this.items.length * 2);
      next.set(this.items);
      this.items = next;
    }
    this.items[this.count++] = value;
  }

  /** Removes and returns the last value (the stack must not be empty). */
  pop(): number {
    return this.items[--this.count]!;
  }

  /** The live part of the backing array, for in-place sorting and sweeping; valid until the next push. */
  view(): Uint32Array {
    return this.items.subarray(0, this.count);
  }

  /** Empties the stack and returns a copy of what it held. */
  takeAll(): Uint32Array {
    const out = this.items.slice(0, this.count);
    this.count = 0;
    return out;
  }

  clear(): void {
    this.count = 0;
  }
}
