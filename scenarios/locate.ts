/**
 * Where a document path is in the source: the YAML node at the path (or,
 * for a key the document lacks, the deepest node that exists), as a 1-based
 * line and column from the parser's LineCounter.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathStep } from './schema/vary.js';

export function locate(doc: Document, lc: LineCounter, path: readonly PathStep[], at: 'key' | 'value' = 'value'): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const step = path[i]!;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(step));
      if (pair === undefined) break;
      if (i === path.length - 1 && at === 'key') next = pair.key;
      else next = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
    }
    const start = rangeStart(next);
    if (start === undefined) break;
    node = next;
    offset = start;
  }
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}
