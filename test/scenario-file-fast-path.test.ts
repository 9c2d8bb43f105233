import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenarioText, type LoadResult } from '../scenarios/load.js';
import type { FastDecline, FastLoad } from '../scenarios/yaml-fast.js';

/**
 * The loader with its fast reading on (as shipped) or off (every text read
 * by the yaml package, as before the fast reading existed), and what the
 * fast reading answered on each call.
 */
const fastReading = vi.hoisted(() => ({ on: true, answers: [] as FastLoad[] }));
vi.mock('../scenarios/yaml-fast.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../scenarios/yaml-fast.js')>();
  return {
    ...real,
    loadFast(text: string, maxDepth: number): FastLoad {
      const answer: FastLoad = fastReading.on ? real.loadFast(text, maxDepth) : { ok: false, declined: 'syntax' };
      fastReading.answers.push(answer);
      return answer;
    },
  };
});

beforeEach(() => {
  fastReading.on = true;
  fastReading.answers.length = 0;
});

/** The result with the fast reading on, and with it off. */
function bothWays(text: string, file = 'f.yaml'): { fast: LoadResult; slow: LoadResult; answer: FastLoad } {
  fastReading.on = true;
  const fast = parseScenarioText(text, file);
  const answer = fastReading.answers.at(-1)!;
  fastReading.on = false;
  const slow = parseScenarioText(text, file);
  fastReading.on = true;
  return { fast, slow, answer };
}

const library = readdirSync('scenarios/library').map((f) => `scenarios/library/${f}`);
const fixtures = readdirSync('test/fixtures/scenarios').map((f) => `test/fixtures/scenarios/${f}`);
const defaultText = readFileSync('scenarios/library/default.yaml', 'utf8');

describe('the fast reading of scenario files', () => {
  test('reads the library scenarios that have no aliases, with the same result as the yaml package', () => {
    for (const file of library) {
      const text = readFileSync(file, 'utf8');
      const { fast, slow, answer } = bothWays(text, file);
      expect(fast, file).toEqual(slow);
      expect(fast.ok, file).toBe(true);
      // consistency.yaml shares its variants through an anchor and aliases: the yaml package reads it.
      expect(answer.ok ? 'fast' : answer.declined, file).toBe(text.includes('*kinds') ? 'node_property' : 'fast');
    }
  });

  test('reads a file with lines of only spaces (outside block scalars) and CRLF line ends the fast way', () => {
    const text = defaultText.replace(/\n\n/g, '\n   \n').replace(/\n/g, '\r\n');
    const { fast, slow, answer } = bothWays(text);
    expect(answer.ok).toBe(true);
    expect(fast).toEqual(slow);
    expect(fast.ok).toBe(true);
  });

  test('gives invalid files byte for byte the issues the yaml package reading gives', () => {
    for (const file of fixtures) {
      const { fast, slow, answer } = bothWays(readFileSync(file, 'utf8'), file);
      expect(answer.ok, file).toBe(true);
      expect(fast.ok, file).toBe(false);
      expect(JSON.stringify(fast), file).toBe(JSON.stringify(slow));
    }
  });

  test('leaves a file with a vary value that breaks the scenario to the yaml package, which gives the issue its position', () => {
    const text = `${defaultText}\nvary:\n  days: [1, -3]\n`;
    const { fast, slow, answer } = bothWays(text);
    expect(answer.ok).toBe(true);
    expect(fast.ok).toBe(false);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
    expect(JSON.stringify(fast)).toContain('"code":"invalid_vary_value"');
  });

  test('each reason to decline sends the text to the yaml package, with the same result as before', () => {
    const cases: [string, FastDecline, string][] = [
      ['an alias', 'node_property', `${defaultText}\nx: &a 1\ny: *a\n`],
      ['a tag', 'node_property', `${defaultText}\nx: !!str 12\n`],
      ['a directive', 'directive', `%YAML 1.2\n---\n${defaultText}`],
      ['an explicit key', 'explicit_key', `${defaultText}\n? x\n: y\n`],
      ['a document marker with content', 'document_marker', `--- # the default\n${defaultText}`],
      ['a document marker followed by a line separator (U+2028, which $ in a regular expression takes for a line end)', 'document_marker', `---\u2028: x\n${defaultText}`],
      ['a null key', 'null_key', `${defaultText}\nnull: 1\n`],
      ['a flow collection as a key', 'collection_key', `${defaultText}\n[a, b]: 1\n`],
      ['a multi-line quoted scalar', 'multiline_quoted', defaultText.replace(/^title: .*$/m, 'title: "two\n  lines"')],
      ['a multi-line flow collection', 'multiline_flow', defaultText.replace(/^claims: .*$/m, 'claims: [1,\n  2]')],
      ['a comment glued to a bracket', 'glued_comment', defaultText.replace(/^claims: .*$/m, 'claims: [1]#c')],
      ['an empty sequence item', 'empty_item', `${defaultText}\nx:\n  -\n`],
      ['a block scalar with an indentation indicator', 'block_indicator', `${defaultText}\nx: |2\n   y\n`],
      ['a block scalar with a blank line of spaces', 'blank_block_line', `${defaultText}\nx: |\n  y\n  \n  z\n`],
      ['a block scalar header on a line of its own', 'block_indicator', `${defaultText}\nx:\n  |\n  y\n`],
      ['a tab', 'tab', defaultText.replace(/^title: /m, 'title:\t')],
      ['a carriage return alone', 'lone_cr', defaultText.replace(/^title: /m, 'title: a\rb ')],
      ['a byte order mark inside', 'inner_bom', `${defaultText}\nx: \uFEFFy\n`],
      ['a \\U escape past U+10FFFF', 'big_escape', `${defaultText}\nx: "\\U00110000"\n`],
      ['a line longer than 1,024 characters', 'long_line', `${defaultText}\n${'k'.repeat(1100)}: 1\n`],
      ['two documents', 'syntax', `${defaultText}\n---\nname: other\n`],
      ['a duplicate key', 'syntax', `${defaultText}\nseed: 2\n`],
      ['nesting deeper than the limit', 'too_deep', `${defaultText}\nx: ${'['.repeat(70)}${']'.repeat(70)}\n`],
      ['an empty document', 'not_a_mapping', '# nothing here\n'],
      ['a document that is a list', 'not_a_mapping', '- name: x\n'],
    ];
    for (const [what, reason, text] of cases) {
      const { fast, slow, answer } = bothWays(text);
      expect(answer.ok ? 'fast' : answer.declined, what).toBe(reason);
      expect(JSON.stringify(fast), what).toBe(JSON.stringify(slow));
    }
  });

  test('gives the same result whichever way a mutated scenario is read', () => {
    // The idea: whatever a few edits do to a valid scenario (values of other
    // types, deleted or unknown keys, tricky scalars), the loader returns the
    // same result, issues and positions included, with the fast reading on
    // as with it off.
    const base = parse(defaultText) as Record<string, unknown>;
    const keys = Object.keys(base);
    const value = fc.oneof(fc.constantFrom<unknown>('1_000', '0x10', '.5', '1e3', '.inf', 'yes', 'True', '~', null, '', '__proto__', [], {}, -0), fc.integer(), fc.string({ maxLength: 6 }));
    const edit = fc.tuple(fc.nat(), fc.oneof(fc.constant<'delete'>('delete'), value.map((v) => ({ set: v }))));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean(), (edits, flow) => {
        const doc: Record<string, unknown> = structuredClone(base);
        for (const [k, e] of edits) {
          const key = keys[k % keys.length]!;
          if (e === 'delete') delete doc[key];
          else doc[key] = e.set;
        }
        const text = stringify(doc, { collectionStyle: flow ? 'flow' : 'block' });
        const { fast, slow } = bothWays(text);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
      }),
      { numRuns: 60 },
    );
  });
});
