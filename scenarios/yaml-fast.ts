/**
 * A fast first reading of scenario YAML: js-yaml (about ten times faster
 * than the `yaml` package on a large file, whose parser builds a concrete
 * syntax tree) with the yaml package's core schema (yaml-core-schema.ts).
 * It is only a shortcut: it declines any text where the two libraries
 * could give different data, and the caller then reads the text with the
 * `yaml` package as before (its errors, positions and limits are the
 * file's issues). A decline is data, `{ ok: false, declined }`, never an
 * exception, and every js-yaml error is a decline.
 *
 * It declines, from the text (each found by a regular expression, or the
 * line-by-line look of yaml-layout.ts):
 * - `!`, `&`, `*` or `?` where a node can start: tags, anchors, aliases
 *   and explicit keys (`? key`) start that way;
 * - a directive (`%` at a line's start) or a `---`/`...` line with more
 *   on it;
 * - a tab (anywhere, though the yaml package refuses only some), a
 *   carriage return without a line feed, a byte order mark past the start,
 *   a `\U` escape past U+10FFFF: the yaml package refuses these or reads
 *   them otherwise than js-yaml;
 * - `]` or `}` followed by `:`: a flow collection as a key (js-yaml joins
 *   its items, yaml writes it out as YAML);
 * - a line longer than 1,024 characters: yaml refuses an implicit key
 *   longer than that, js-yaml does not;
 * - the layouts of yaml-layout.ts (quoted scalars and flow collections over
 *   several lines, empty sequence items, a line of only spaces in a block
 *   scalar, ...);
 * and from the data:
 * - a document that is not a mapping (an empty one included);
 * - a key "null": a null key is "null" in js-yaml, "" in yaml;
 * - nesting deeper than the limit (the yaml reading then reports it).
 * test/yaml-fast-properties.test.ts holds the reading to the yaml package.
 */
import { load } from 'js-yaml';
import { YAML_CORE_SCHEMA } from './yaml-core-schema.js';
import { layoutDecline, type LayoutDecline } from './yaml-layout.js';

export type FastDecline =
  | 'node_property'
  | 'explicit_key'
  | 'directive'
  | 'document_marker'
  | 'tab'
  | 'lone_cr'
  | 'inner_bom'
  | 'big_escape'
  | 'long_line'
  | 'syntax'
  | 'not_a_mapping'
  | 'null_key'
  | 'too_deep'
  | LayoutDecline;

export type FastLoad = { ok: true; data: Record<string, unknown> } | { ok: false; declined: FastDecline };

/** A key the yaml package allows in an implicit key, in characters from the key's start to its `:`. */
const MAX_LINE_CHARS = 1024;

/** Where a node can start: at a line's start, after white space, a flow indicator or a `:`; and, to be safe, after a quote. */
const NODE_PROPERTY = /(?<![^\s[{,:"'])[!&*?]/;
const DIRECTIVE = /^%/m;
const TAB = /\t/;
const LONE_CR = /\r(?!\n)/;
/** A `\U` escape past U+10FFFF: the yaml package refuses it, js-yaml makes two surrogates of it. */
const BIG_ESCAPE = /\\U(?!000[0-9A-Fa-f]{5}|0010[0-9A-Fa-f]{4})[0-9A-Fa-f]{8}/;
/**
 * A marker line with more on it. The end of the marker's line is spelled out
 * (a line feed, CRLF, or the end of the text), not `$`: under the `m` flag `$`
 * also matches before U+2028 and U+2029, which YAML reads as ordinary
 * characters, so `---\u2028: ` would pass for a bare marker (found by the
 * token property in yaml-fast-properties.test.ts). `^` matching after them
 * only makes the check decline more.
 */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?![ \t]*(?:\r?\n|(?![\s\S])))/m;
const COLLECTION_KEY = /[\]}]\s*:/;

/** The data of `text`, or why the fast reading declines it; `maxDepth` as in LIMITS.depth (levels of nesting). */
export function loadFast(text: string, maxDepth: number): FastLoad {
  const declined = textDecline(text);
  if (declined !== null) return { ok: false, declined };
  let data: unknown;
  try {
    data = load(text, { schema: YAML_CORE_SCHEMA });
  } catch {
    // Syntax errors, duplicate keys, several documents, a stack overflow: the yaml package says what is wrong.
    return { ok: false, declined: 'syntax' };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, declined: 'not_a_mapping' };
  const walked = walk(data, 0, maxDepth);
  return walked === null ? { ok: true, data: data as Record<string, unknown> } : { ok: false, declined: walked };
}

function textDecline(text: string): FastDecline | null {
  const property = NODE_PROPERTY.exec(text);
  if (property !== null) return property[0] === '?' ? 'explicit_key' : 'node_property';
  if (DIRECTIVE.test(text)) return 'directive';
  if (DOCUMENT_MARKER.test(text)) return 'document_marker';
  if (TAB.test(text)) return 'tab';
  if (LONE_CR.test(text)) return 'lone_cr';
  if (text.indexOf('\uFEFF', 1) !== -1) return 'inner_bom';
  if (BIG_ESCAPE.test(text)) return 'big_escape';
  if (COLLECTION_KEY.test(text)) return 'collection_key';
  if (longestLine(text) > MAX_LINE_CHARS) return 'long_line';
  return layoutDecline(text);
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    longest = Math.max(longest, end - start);
    start = end + 1;
  }
  return Math.max(longest, text.length - start);
}

/**
 * The first reason in the data to decline, depth first. `depth` counts the
 * collections around `v`; as in load.ts, a document is too deep when a
 * value sits inside more than `maxDepth` collections.
 */
function walk(v: object, depth: number, maxDepth: number): FastDecline | null {
  const values = Array.isArray(v) ? v : Object.values(v);
  if (values.length > 0 && depth >= maxDepth) return 'too_deep';
  if (!Array.isArray(v) && Object.hasOwn(v, 'null')) return 'null_key';
  for (const x of values) {
    if (x === null || typeof x !== 'object') continue;
    const inner = walk(x, depth + 1, maxDepth);
    if (inner !== null) return inner;
  }
  return null;
}
