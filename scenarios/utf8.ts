/**
 * Strict UTF-8 decoding: TextDecoder with `fatal` refuses bad bytes; when it
 * does, a small scan finds the first bad byte so the issue can say where.
 */
export type Decoded = { ok: true; text: string } | { ok: false; offset: number; byte: number; line: number; column: number };

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const offset = firstBadByte(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) [line, lineStart] = [line + 1, i + 1];
    // Columns count characters: continuation bytes of earlier characters do not count.
    let column = 1;
    for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
    return { ok: false, offset, byte: bytes[offset] ?? 0, line, column };
  }
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstBadByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
    }
    // Overlong 3- and 4-byte forms, surrogates and code points past U+10FFFF.
    const second = b[i + 1] ?? 0;
    if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f)) return i;
    i += n + 1;
  }
  return b.length;
}
