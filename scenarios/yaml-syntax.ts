/**
 * YAML syntax errors as a person can act on them.
 *
 * The `yaml` package recovers from most mistakes and reports each one once
 * (a bad indent, a duplicate key, a missing quote). One kind it cannot
 * recover from: once the parser loses the document's structure, it reports
 * every token after that point as unexpected, one error each, so a single
 * unquoted `{` in a flow mapping on line 5 gave 480 errors, one per token
 * to the end of the file. A run of consecutive unexpected-token errors is
 * therefore reported as its first error, saying how many follow from it
 * and up to which line; every other error stays as it is.
 *
 * Token names in the package's messages (`flow-map-start`) are replaced by
 * the characters a person typed (`'{'`), and the commonest cause of the
 * cascade gets a hint: a `{` or `[` glued to a plain value (`name: hv-{i}`
 * inside `{ ... }`), which YAML reads as the start of a nested collection.
 */
import type { LineCounter, YAMLError } from 'yaml';

export interface SyntaxIssue {
  /** Offset in the text of the error's first character. */
  offset: number;
  message: string;
}

const TOKEN_CHARS: Readonly<Record<string, string>> = {
  'flow-map-start': "'{'",
  'flow-map-end': "'}'",
  'flow-seq-start': "'['",
  'flow-seq-end': "']'",
  'flow-error-end': "a closing bracket",
  comma: "','",
  'map-value-ind': "':'",
  'seq-item-ind': "'-'",
  'explicit-key-ind': "'?'",
};

/** The issues to report for the parser's errors, in the parser's order. */
export function syntaxIssues(errors: readonly YAMLError[], text: string, lines: LineCounter): SyntaxIssue[] {
  const out: SyntaxIssue[] = [];
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i]!;
    const offset = e.pos[0];
    let message = readable(firstLine(e.message));
    if (e.code === 'UNEXPECTED_TOKEN') {
      let j = i;
      while (j + 1 < errors.length && errors[j + 1]!.code === 'UNEXPECTED_TOKEN') j++;
      const hint = gluedBracketHint(text, offset);
      if (hint !== null) message += `; ${hint}`;
      if (j > i) {
        const lastLine = lines.linePos(errors[j]!.pos[0]).line;
        const more = j - i;
        message += ` (the parser lost the structure here: ${more} more unexpected token${more === 1 ? '' : 's'} follow${more === 1 ? 's' : ''}, up to line ${lastLine}; fix this one first)`;
      }
      i = j;
    }
    out.push({ offset, message });
  }
  return out;
}

/** The package's first line, without its own "at line L, column C" (the issue carries the position). */
export function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function readable(message: string): string {
  return message.replace(/^Unexpected ([a-z-]+)( token)?/, (all, name: string) => (TOKEN_CHARS[name] === undefined ? all : `Unexpected ${TOKEN_CHARS[name]}`));
}

/**
 * A `{` or `[` right after a character of a value (no space before it), as
 * in `name: hv-{i}`: fine in a block mapping, but inside `{ ... }` or
 * `[ ... ]` it opens a nested collection.
 */
function gluedBracketHint(text: string, offset: number): string | null {
  const c = text[offset];
  if (c !== '{' && c !== '[') return null;
  const before = offset > 0 ? text[offset - 1]! : ' ';
  if (/[\s,:[{]/.test(before)) return null;
  let start = offset;
  while (start > 0 && !/[\s,:[{]/.test(text[start - 1]!)) start--;
  // The value runs to a space, a comma or a closing bracket outside the brackets it opened.
  let end = start;
  let depth = 0;
  while (end < text.length) {
    const ch = text[end]!;
    if (ch === '\n' || ch === '\r') break;
    if (depth === 0 && /[\s,}\]]/.test(ch)) break;
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    end++;
  }
  return `inside { } or [ ], a value that holds { } [ ] or , must be quoted, e.g. ${JSON.stringify(text.slice(start, end))}`;
}
