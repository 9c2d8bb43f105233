import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatIssue } from '../scenarios/issues.js';
import { parseScenarioText } from '../scenarios/load.js';

function issuesOf(text: string, file = 's.yaml'): string[] {
  const r = parseScenarioText(text, file);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.issues.map(formatIssue);
}

/** The yaml package's own errors for a text, parsed as the loader parses it, with their line and column. */
function rawErrors(text: string): { code: string; line: number; column: number }[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, merge: false, version: '1.2', lineCounter: lines });
  return doc.errors.map((e) => ({ code: e.code, ...((p) => ({ line: p.line, column: p.col }))(lines.linePos(e.pos[0])) }));
}

const DEFAULT_TEXT = readFileSync('scenarios/library/default.yaml', 'utf8');

describe('YAML syntax errors are reported so that a person can act on them', () => {
  test('an unquoted {i} inside a flow mapping is one issue with a hint, not one per token to the end of the file', () => {
    const text = [
      'name: t',
      'hosts:',
      '  - { name: hv-{i}, count: 2, cores: 8 }',
      'datastores:',
      '  - { name: san1, kind: san }',
      'designs:',
      '  - { name: a, kind: agent }',
      '',
    ].join('\n');
    const raw = rawErrors(text);
    expect(raw.length).toBeGreaterThan(20);
    expect(issuesOf(text)).toEqual([
      `s.yaml:3:16: Unexpected '{' at node end; inside { } or [ ], a value that holds { } [ ] or , must be quoted, e.g. "hv-{i}" (the parser lost the structure here: ${raw.length - 1} more unexpected tokens follow, up to line 7; fix this one first)`,
    ]);
    // Quoted as the hint says, the same file is valid.
    expect(parseScenarioText(text.replace('hv-{i}', '"hv-{i}"'), 's.yaml').ok).toBe(true);
  });

  test('errors the parser recovers from are each reported where they are, as before', () => {
    const text = 'name: x\nhosts:\n  - name: a\n   cores: 3\nseed: 1\nseed: 2\ndays: [1, 2\n';
    expect(issuesOf(text)).toEqual([
      's.yaml:4:1: Sequence item without - indicator',
      's.yaml:6:1: Map keys must be unique',
      's.yaml:8:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  test('a bracket after a space is not taken for one glued to a value', () => {
    const [first] = issuesOf('name: x\nhosts: [ { name: a, cores: 2 } } ]\n');
    expect(first).not.toContain('must be quoted');
  });

  test('the issues of any corrupted scenario are the parser\'s errors, its first always, cascades folded into their first', () => {
    // The idea: folding may only drop errors that follow an unexpected token
    // (the cascade); it never hides the first error, never invents a
    // position, and reports every error of another kind.
    const corruption = fc.record({
      at: fc.nat({ max: DEFAULT_TEXT.length }),
      insert: fc.array(fc.constantFrom('{', '}', '[', ']', ',', ':', '-', '"', "'", '\t', '\n  ', '&a', '*b', '!x '), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')),
    });
    fc.assert(
      fc.property(corruption, ({ at, insert }) => {
        const text = DEFAULT_TEXT.slice(0, at) + insert + DEFAULT_TEXT.slice(at);
        const raw = rawErrors(text);
        if (raw.length === 0) return;
        const r = parseScenarioText(text, 'c.yaml');
        expect(r.ok).toBe(false);
        if (r.ok) return;
        const reported = r.issues.map((i) => ({ line: i.line, column: i.column }));
        const kept = raw.filter((e, k) => !(e.code === 'UNEXPECTED_TOKEN' && k > 0 && raw[k - 1]!.code === 'UNEXPECTED_TOKEN'));
        expect(reported).toEqual(kept.map((e) => ({ line: e.line, column: e.column })).sort((a, b) => a.line - b.line || a.column - b.column));
        expect(r.issues.every((i) => i.code === 'yaml_syntax')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
