import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longLivedF64, longLivedU16 } from '../sim/engine/zeroed-slab.js';

describe('long-lived zeroed arrays', () => {
  it('are zeroed, of the asked length, and never share memory with one another', () => {
    // Idea: arrays carved from shared slabs behave like fresh typed arrays:
    // each starts at zero and filling one changes no other, whatever the mix
    // of sizes (small ones allocated alone, large ones carved, huge ones alone).
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 400_000 })), { minLength: 1, maxLength: 12 }), (asks) => {
        const arrays = asks.map(([wide, n]) => (wide ? longLivedF64(Math.floor(n / 4)) : longLivedU16(n)));
        arrays.forEach((a, i) => {
          expect(a.length).toBe(asks[i]![0] ? Math.floor(asks[i]![1] / 4) : asks[i]![1]);
          expect(a.every((v) => v === 0)).toBe(true);
        });
        arrays.forEach((a, i) => a.fill(i + 1));
        arrays.forEach((a, i) => expect(a.every((v) => v === i + 1)).toBe(true));
      }),
      { numRuns: 20 },
    );
  });
});
