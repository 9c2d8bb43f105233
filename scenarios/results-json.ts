/**
 * Results as JSON text, byte-stable: 2-space indent, keys in object-literal
 * order, arrays of plain values on one line (a series of 480 numbers is one
 * line, not 480), small flat objects (a job bar, a storage day) on one line,
 * non-finite numbers as null, a final newline.
 */

/** Longest one-line object. */
const INLINE_OBJECT_CHARS = 240;
export function resultsJson(value: unknown): string {
  return `${write(value, '')}\n`;
}

function write(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => write(x, indent)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
    if (entries.length === 0) return '{}';
    if (entries.every(([, x]) => isFlat(x))) {
      const line = `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${write(x, '')}`).join(', ')} }`;
      if (line.length <= INLINE_OBJECT_CHARS) return line;
    }
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return 'null';
}

/** A plain value, or an object of plain values (a job bar's snapshot span). */
function isFlat(x: unknown): boolean {
  if (x === null || typeof x !== 'object') return true;
  if (Array.isArray(x)) return false;
  return Object.values(x as Record<string, unknown>).every((y) => y === null || typeof y !== 'object');
}
