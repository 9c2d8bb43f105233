/**
 * A line-by-line look at YAML text for the layouts where js-yaml is more
 * lenient than the `yaml` package, so that the fast loader (yaml-fast.ts)
 * can decline them: a quoted scalar or a flow collection that goes on past
 * its line (yaml wants the next lines indented past the enclosing block,
 * js-yaml takes any indentation), an empty sequence item (`- -` followed by
 * a less indented `- -` nests differently in js-yaml), a block scalar
 * with an indentation indicator (`|2`), on a line of its own or with a
 * line of only spaces in it, a flow collection in a key's
 * place without a `:` (`{ [a] }`), and a comment right after a quoted
 * scalar, a bracket or a comma (`[a]#c`: yaml refuses it, js-yaml not).
 *
 * It is a cautious reading, not a parser: whatever it misreads, it reads
 * as one of these (a quote or a bracket it takes for the start of a node),
 * so a mistake costs a decline, never a wrong answer. Block scalar content
 * (lines indented past the key or item of the `|` or `>`) is skipped
 * unread.
 */
export type LayoutDecline = 'multiline_quoted' | 'multiline_flow' | 'collection_key' | 'glued_comment' | 'empty_item' | 'block_indicator' | 'blank_block_line';

/** A line of sequence indicators only (`-`, `- -`, `- # note`): an empty item. */
const EMPTY_ITEM = /(?:^|\n) *(?:-(?: +|(?=\r?(?:\n|$))))+(?:#[^\n]*)?\r?(?=\n|$)/;

/**
 * The characters that start a quoted scalar, a flow collection or a block
 * scalar: only the lines that hold one need a closer look (found with a
 * regular expression, which is fast even before the JIT has warmed up, as
 * in a command's one reading of one file).
 */
const NODE_START = /["'[{|>]/g;

/** The first layout in `text` that the fast loader leaves to the `yaml` package, or null. */
export function layoutDecline(text: string): LayoutDecline | null {
  if (EMPTY_ITEM.test(text)) return 'empty_item';
  const starts = new RegExp(NODE_START);
  for (let m = starts.exec(text); m !== null; m = starts.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    let end = text.indexOf('\n', m.index);
    if (end === -1) end = text.length;
    starts.lastIndex = end + 1;
    const line = text.charCodeAt(end - 1) === CR ? text.slice(start, end - 1) : text.slice(start, end);
    let i = 0;
    while (line.charCodeAt(i) === SPACE) i++;
    if (line.charCodeAt(i) === HASH) continue;
    let lastDash = -1;
    while (line.charCodeAt(i) === DASH && (i + 1 === line.length || line.charCodeAt(i + 1) === SPACE)) {
      lastDash = i++;
      while (line.charCodeAt(i) === SPACE) i++;
    }
    const found = blockLine(line, i);
    if (found === null) continue;
    if (found !== 'block_scalar' && found !== 'keyed_block_scalar') return found;
    // The block scalar's content is indented past its parent collection: the key's mapping, or the item's sequence.
    const parent = found === 'keyed_block_scalar' ? i : lastDash;
    if (parent < 0) return 'block_indicator';
    const next = blockEnd(text, end + 1, parent);
    if (next < 0) return 'blank_block_line';
    starts.lastIndex = next;
  }
  return null;
}

/**
 * Where the block scalar whose content starts at `from` ends: at the first
 * line that is not blank and not indented more than `parent`, the column
 * of the key (or item) on the header's line. Or -1 if a line in it holds
 * only spaces: yaml and js-yaml keep different line breaks for those.
 */
function blockEnd(text: string, from: number, parent: number): number {
  for (let start = from; start < text.length; ) {
    let i = start;
    while (text.charCodeAt(i) === SPACE) i++;
    const c = text.charCodeAt(i);
    const blank = i === text.length || c === NEWLINE || (c === CR && text.charCodeAt(i + 1) === NEWLINE);
    if (blank && i > start) return -1;
    if (!blank && i - start <= parent) return start;
    const end = text.indexOf('\n', i);
    if (end === -1) break;
    start = end + 1;
  }
  return text.length;
}

const SPACE = 0x20;
const CR = 0x0d;
const NEWLINE = 0x0a;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;

/** A block scalar's header: after a key on its line (`key: |`), or not (`- |`). */
type LineEnd = LayoutDecline | 'keyed_block_scalar' | 'block_scalar' | null;

/** The rest of a block-context line from a node's start at `i`. */
function blockLine(line: string, i: number): LineEnd {
  for (let keyed = false; ; keyed = true) {
    while (line.charCodeAt(i) === SPACE) i++;
    if (i >= line.length) return null;
    const c = line[i]!;
    if (c === '"' || c === "'") {
      i = closingQuote(line, i);
      if (i < 0) return 'multiline_quoted';
      if (line.charCodeAt(i) === HASH) return 'glued_comment';
    } else if (c === '[' || c === '{') {
      i = closingBracket(line, i);
      if (i === COLLECTION_AS_KEY) return 'collection_key';
      if (i === GLUED_COMMENT) return 'glued_comment';
      if (i < 0) return 'multiline_flow';
      if (line.charCodeAt(i) === HASH) return 'glued_comment';
    } else if (c === '|' || c === '>') {
      if (!/^[|>][-+]?(?:[ ]+(?:#.*)?)?$/.test(line.slice(i))) return 'block_indicator';
      return keyed ? 'keyed_block_scalar' : 'block_scalar';
    }
    // A plain scalar, or what follows a quoted or flow node: up to the next `: ` (a value follows) or a comment.
    i = valueIndicator(line, i);
    if (i < 0) return null;
  }
}

/** The index after the next `:` that is followed by a space or the line's end, or -1 (none, or a comment first). */
function valueIndicator(line: string, i: number): number {
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === HASH && line.charCodeAt(i - 1) === SPACE) return -1;
    if (c === COLON && (i + 1 === line.length || line.charCodeAt(i + 1) === SPACE)) return i + 1;
  }
  return -1;
}

/** The index after the quote that closes the one at `i`, or -1 if the line ends first. */
function closingQuote(line: string, i: number): number {
  const q = line[i];
  for (let j = i + 1; j < line.length; j++) {
    if (q === '"' && line[j] === '\\') j++;
    else if (line[j] === q) {
      if (q === "'" && line[j + 1] === "'") j++;
      else return j + 1;
    }
  }
  return -1;
}

/**
 * The index after the bracket that closes the flow collection opened at
 * `i`; or -1 if the line ends first (or a comment starts); or
 * COLLECTION_AS_KEY for a collection in a key's place in a flow mapping
 * (`{ [a] }`: js-yaml names the key "a", yaml "[ a ]"); or GLUED_COMMENT.
 * A quote opens a quoted scalar only where a node starts: after `[`, `{`,
 * `,` or a value indicator `:`.
 */
function closingBracket(line: string, i: number): number {
  const open: string[] = [];
  let nodeStart = true;
  // In a flow mapping, whether the node that starts next is a key (after `{` or `,`, not after `:`).
  let keyPlace = false;
  for (let j = i; j < line.length; j++) {
    const c = line[j]!;
    if (c === ' ') continue;
    if (c === '[' || c === '{') {
      if (nodeStart && keyPlace && open[open.length - 1] === '{') return COLLECTION_AS_KEY;
      open.push(c);
      [nodeStart, keyPlace] = [true, true];
    } else if (c === ']' || c === '}') {
      open.pop();
      if (open.length === 0) return j + 1;
      [nodeStart, keyPlace] = [false, false];
    } else if (c === ',') [nodeStart, keyPlace] = [true, true];
    // `:` is a value indicator before a space or after a quoted key (`{"a":"b"}`); else it is part of a plain scalar.
    else if (c === ':') {
      nodeStart = line[j + 1] === ' ' || j + 1 === line.length || line[j - 1] === '"' || line[j - 1] === "'";
      if (nodeStart) keyPlace = false;
    } else if (c === '#') {
      // A comment after a space ends the line inside the collection; right after a quote, bracket or comma yaml refuses it.
      if (line[j - 1] === ' ') return -1;
      if (nodeStart || /["'\]}]/.test(line[j - 1]!)) return GLUED_COMMENT;
      nodeStart = false;
    } else if (nodeStart && (c === '"' || c === "'")) {
      j = closingQuote(line, j) - 1;
      if (j < 0) return -1;
      nodeStart = false;
      keyPlace = false;
    } else nodeStart = false;
  }
  return -1;
}

const COLLECTION_AS_KEY = -2;
const GLUED_COMMENT = -3;
