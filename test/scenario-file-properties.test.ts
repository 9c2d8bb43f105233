import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenarioText } from '../scenarios/load.js';
import { compileScenario } from '../scenarios/compile.js';
import { createDesign } from '../strategies/index.js';
import type { PathStep } from '../scenarios/schema/vary.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** default.yaml with a `vary` axis. */
function baseDocument(): Json {
  const doc = parse(readFileSync('scenarios/library/default.yaml', 'utf8')) as Record<string, Json>;
  doc.vary = { 'designs[1].options.dedupe': ['none', 'target'] } as Json;
  return doc as Json;
}

function pathsOf(v: Json, prefix: PathStep[] = []): PathStep[][] {
  const out: PathStep[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...prefix, k]));
  return out;
}

type Mutation = { kind: 'set'; value: Json } | { kind: 'delete' } | { kind: 'add-key'; key: string; value: Json };

function mutate(doc: Json, path: PathStep[], m: Mutation): Json {
  const copy = structuredClone(doc);
  let parent: Json = copy;
  for (const s of path.slice(0, -1)) parent = (parent as Record<string, Json>)[s as string]!;
  const last = path[path.length - 1]!;
  const target = parent as Record<string, Json> & Json[];
  if (m.kind === 'set') target[last as string] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete target[last as string];
  } else {
    const at = target[last as string];
    if (at !== null && typeof at === 'object' && !Array.isArray(at)) Object.defineProperty(at, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else target[last as string] = { [m.key]: m.value };
  }
  return copy;
}

const huge = fc.constantFrom(1e308, -1e308, 2 ** 60, Number.MAX_SAFE_INTEGER * 1024, 1e21, -1, 0, 0.5);
const otherType = fc.oneof(fc.constant('fast'), fc.constant(''), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.integer(), fc.string({ maxLength: 12 }), huge);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  otherType.map((value) => ({ kind: 'set' as const, value: value as Json })),
  huge.map((value) => ({ kind: 'set' as const, value })),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('add-key' as const), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'iopps', 'corse'), fc.string({ minLength: 1, maxLength: 8 })), value: otherType as fc.Arbitrary<Json> }),
);

describe('mutated scenarios', () => {
  test('the unmutated base document is valid and compiles', () => {
    const r = parseScenarioText(stringify(baseDocument()), 'base.yaml');
    expect(r.ok).toBe(true);
  });

  // Idea: whatever one edit does to a valid scenario (a value of the wrong type, a deleted key, an
  // unknown key, a huge number), loading it either succeeds or returns issues that each carry a
  // position and a path; it never throws, and what loads also compiles into designs the engine accepts.
  test('are either valid or rejected with positioned issues, never an exception', () => {
    const doc = baseDocument();
    const paths = pathsOf(doc);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: paths.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (pathIndex, ms, asJson) => {
        let mutated = doc;
        ms.forEach((m, k) => {
          const candidates = pathsOf(mutated);
          const p = candidates[(pathIndex + k * 7) % candidates.length]!;
          mutated = mutate(mutated, p, m);
        });
        const text = asJson ? JSON.stringify(mutated) : stringify(mutated);
        const r = parseScenarioText(text, asJson ? 'm.json' : 'm.yaml');
        if (r.ok) {
          const c = compileScenario(r.scenario);
          for (const d of c.designs) expect(() => createDesign(d.kind, d.name, d.options)).not.toThrow();
          return;
        }
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) {
          expect(i.line).toBeGreaterThanOrEqual(1);
          expect(i.column).toBeGreaterThanOrEqual(1);
          expect(Array.isArray(i.path)).toBe(true);
          expect(i.message.length).toBeGreaterThan(0);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
