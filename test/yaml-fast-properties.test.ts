import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseDocument, stringify, type ToStringOptions } from 'yaml';
import { loadFast } from '../scenarios/yaml-fast.js';
import { LIMITS } from '../scenarios/schema/defaults.js';
import { sameData, slowRead } from './support/yaml-reference.js';

/** More runs when asked (VMBSIM_YAML_RUNS=20000 npx vitest run test/yaml-fast-properties.test.ts). */
const RUNS = Number(process.env.VMBSIM_YAML_RUNS ?? 500);
const SEED = process.env.VMBSIM_YAML_SEED === undefined ? {} : { seed: Number(process.env.VMBSIM_YAML_SEED) };

type Data = null | boolean | number | string | Data[] | { [k: string]: Data };

const trickyScalar = fc.constantFrom(
  '1_000', '0b1', '+1', '-1', '.5', '1.', '1e3', '1E-3', '+.5e-3', '0x1F', '0X1F', '0o17', '017', '09', '-0', '00', '1:20', '2001-12-14',
  '.inf', '-.Inf', '+.INF', '.NaN', '.nan', 'nan', 'inf', 'yes', 'no', 'on', 'off', 'y', 'True', 'TRUE', 'tRUE', 'false', '~', 'null', 'Null', 'NULL', 'nULL',
  '', ' ', ' a', 'a ', '-', '- a', '-a', ':', 'a: b', 'a:b', 'a #b', 'a#b', '#a', '[a]', '{a}', '"a"', "'a'", "it's", '|', '>', '%a', '@a', '`a',
  '---', '...', '<<', 'a\nb', 'a\n\nb', 'a\n', '\na', ' a\nb ', 'a\tb', '\\', 'é', '日本', '\u00a0', '\u2028', '😀', 'a,b', '__proto__', 'constructor', 'toString',
);
/** Scalars that the fast reading declines wherever they are (a tag, an anchor, an alias or an explicit key in yaml's eyes): rare, so that most documents are read both ways. */
const declinedScalar = fc.constantFrom('!a', '&a', '*a', '?', '? a', 'a !b');
const key = fc.oneof(fc.constantFrom('__proto__', 'null', 'Null', '~', '1', '01', '1.0', 'true', '', ' ', 'a b', '-x', 'a: b', '#c', 'é', 'name', 'count', '.inf'), fc.string({ maxLength: 6 }));
const scalar: fc.Arbitrary<Data> = fc.oneof(
  { arbitrary: trickyScalar, weight: 8 },
  { arbitrary: declinedScalar, weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.double(), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.tuple(fc.array(fc.constantFrom('word', 'a', 'b c', '', ' ', ': ', '#', '"', "'"), { maxLength: 12 }), fc.constantFrom(' ', '\n', '\n\n')).map(([words, sep]) => words.join(sep)), weight: 4 },
);

/** An object with keys in the given order, `__proto__` as an own key like both parsers make it. */
function object(pairs: readonly (readonly [string, Data])[]): { [k: string]: Data } {
  const o: { [k: string]: Data } = {};
  for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const { data } = fc.letrec<{ data: Data }>((tie) => ({
  data: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('data'), { maxLength: 4 }), fc.uniqueArray(fc.tuple(key, tie('data')), { selector: ([k]) => k, maxLength: 5 }).map(object)),
}));
const document = fc.uniqueArray(fc.tuple(key, data), { selector: ([k]) => k, minLength: 1, maxLength: 6 }).map(object);

const stringOptions: fc.Arbitrary<ToStringOptions> = fc.record({
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  lineWidth: fc.constantFrom(0, 8, 20, 80),
  minContentWidth: fc.constantFrom(0, 4, 20),
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  blockQuote: fc.constantFrom<boolean | 'literal' | 'folded'>(true, false, 'literal', 'folded'),
  doubleQuotedAsJSON: fc.boolean(),
  flowCollectionPadding: fc.boolean(),
  nullStr: fc.constantFrom('null', '~', ''),
});

/** Small edits that keep a text near YAML: re-indent a line, insert a YAML-ish token, drop characters, join or swap lines, end lines with CRLF. */
type Edit = { kind: 'indent'; line: number; by: number } | { kind: 'insert'; at: number; token: string } | { kind: 'drop'; at: number; count: number } | { kind: 'join'; line: number } | { kind: 'swap'; line: number } | { kind: 'crlf' };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(' ', '  ', '\n', '\n  ', '- ', '-', ': ', ':', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '|', '>', '|-', '>+', '\\', 'x', '1', '\r\n', '---\n', '...\n') }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('join' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat() }),
  fc.constant({ kind: 'crlf' as const }),
);

function applyEdit(text: string, e: Edit): string {
  const lines = text.split('\n');
  const n = (i: number) => i % Math.max(1, lines.length);
  switch (e.kind) {
    case 'indent': {
      const i = n(e.line);
      lines[i] = e.by >= 0 ? ' '.repeat(e.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
    }
    case 'insert': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.token + text.slice(at);
    }
    case 'drop': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + e.count);
    }
    case 'join': {
      const i = n(e.line);
      if (i + 1 < lines.length) lines.splice(i, 2, lines[i]! + lines[i + 1]!);
      return lines.join('\n');
    }
    case 'swap': {
      const i = n(e.line);
      if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      return lines.join('\n');
    }
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
  }
}

/** The fast reading of `text` declines, or gives what the yaml package gives; a text the yaml package refuses is always declined. */
function agrees(text: string): void {
  const fast = loadFast(text, LIMITS.depth);
  if (!fast.ok) return;
  const slow = slowRead(text);
  if (!slow.ok) expect.fail(`the fast reading accepts a text the yaml package refuses (${slow.error}): ${JSON.stringify(text)}`);
  if (!sameData(fast.data, slow.data)) expect.fail(`the readings differ for ${JSON.stringify(text)}:\nfast ${JSON.stringify(fast.data)}\nyaml ${JSON.stringify(slow.data)}`);
}

describe('the fast YAML reading', () => {
  test('declines or agrees with the yaml package on generated documents written out in many styles', () => {
    // The idea: for any data the yaml package writes out, in block or flow
    // style, folded or not, plain or quoted, js-yaml with the copied core
    // schema reads back exactly what the yaml package reads (values, -0,
    // NaN, key order, __proto__ as an own key), or the fast reading declines.
    fc.assert(
      fc.property(document, stringOptions, (doc, options) => {
        agrees(stringify(doc, { ...options, aliasDuplicateObjects: false }));
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  test('declines or agrees with the yaml package on texts edited to be nearly YAML', () => {
    // The idea: small edits (indentation, stray indicators, quotes and
    // brackets, joined lines, CRLF) make texts that the yaml package often
    // refuses and js-yaml may still accept; the fast reading must decline
    // every text the yaml package refuses, and agree on the rest.
    fc.assert(
      fc.property(document, stringOptions, fc.array(edit, { minLength: 1, maxLength: 3 }), (doc, options, edits) => {
        agrees(edits.reduce(applyEdit, stringify(doc, { ...options, aliasDuplicateObjects: false })));
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  test('declines or agrees with the yaml package on library scenarios edited to be nearly YAML', () => {
    // The idea: the same small edits on the hand-written library files,
    // whose comments, block scalars, flow collections and quoting are what
    // people write, reach layouts the generated documents do not.
    const library = readdirSync('scenarios/library').map((f) => readFileSync(`scenarios/library/${f}`, 'utf8'));
    fc.assert(
      fc.property(fc.constantFrom(...library), fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        agrees(edits.reduce(applyEdit, text));
      }),
      { numRuns: RUNS, ...SEED },
    );
  });

  test('declines or agrees with the yaml package on strings of YAML tokens', () => {
    // The idea: texts built from YAML's indicators, indentation and tricky
    // scalars, most of them broken, probe the corners where js-yaml is more
    // lenient than the yaml package (it must then decline).
    const token = fc.constantFrom(
      '\n', '\n', '\n  ', '\n    ', '\n ', ' ', '  ', 'a', 'key', 'x y', ': ', ':', '- ', '-', '[', ']', '{', '}', ', ', ',', ' #', ' # c', '"', "'", '"q"', "'s'",
      "'it''s'", '"\\x41"', '"\\u00e9"', '|', '>', '|-', '>+', '1', '0x1', '.5', 'null', '~', 'true', '\\', '\r\n', 'é', '\u0085', '\u2028', '\u00a0', '<<', '__proto__',
      '\n- ', '\n  - ', '\n- - ', '\na: ', '\n  b: ', ': |\n  ', ': >\n  ', '\n  x', '\n\n', ' \n', '[a, b]', '{a: 1}', '[]', '{}', '.', '--',
      '@', '`', '%', '!', '&', '*', '?', '\t', '\r', '\uFEFF', '---', '...', '"\\U00110000"', '"\\U0001F600"', '"\\ud800"', '"\\q"', '"\\\n  x"',
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(token, { minLength: 1, maxLength: 20 }), (prefixed, tokens) => {
        agrees((prefixed ? 'k: ' : '') + tokens.join(''));
      }),
      { numRuns: RUNS * 4, ...SEED },
    );
  });
});

describe('the reference reading used by these tests', () => {
  test('is parseDocument(text, the loader options).toJS()', () => {
    const text = 'a: 1\nb: [x, ~]\n';
    expect(slowRead(text)).toEqual({ ok: true, data: parseDocument(text, { uniqueKeys: true, merge: false, version: '1.2' }).toJS() });
  });
});
