import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenarioText } from '../scenarios/load.js';
import { compileScenario } from '../scenarios/compile.js';
import { formatIssues } from '../scenarios/issues.js';
import { applyVary, varyGrid } from '../scenarios/schema/vary.js';
import { parseDuration, parseInstant, parseRate, parseSize, parseTimeOfDay, parseFraction } from '../scenarios/schema/units.js';
import { Simulation } from '../sim/engine/simulation.js';
import { buildWorld } from '../sim/world/build-world.js';

describe('units', () => {
  test('sizes, rates, durations, times and fractions read as people write them', () => {
    const v = (r: { ok: boolean; value?: number }) => (r.ok ? r.value : NaN);
    expect(v(parseSize('2 TiB'))).toBe(2 * 2 ** 40);
    expect(v(parseSize('500 GB'))).toBe(500e9);
    expect(v(parseSize(4096))).toBe(4096);
    expect(v(parseRate('500 MB/s'))).toBe(500e6);
    expect(v(parseRate('1 Gbit/s'))).toBe(125e6);
    expect(v(parseRate('10 GbE'))).toBe(1.25e9);
    expect(v(parseRate('100 Mbps'))).toBe(12.5e6);
    expect(v(parseDuration('15 min'))).toBe(900);
    expect(v(parseDuration('1d 6h'))).toBe(108_000);
    expect(v(parseTimeOfDay('22:00'))).toBe(79_200);
    expect(v(parseInstant('1d 09:00'))).toBe(86_400 + 9 * 3600);
    expect(v(parseInstant('33 h'))).toBe(33 * 3600);
    expect(v(parseFraction('5%'))).toBeCloseTo(0.05, 12);
    expect(parseSize('fast').ok).toBe(false);
    expect(parseTimeOfDay('24:00').ok).toBe(false);
    expect(parseFraction('120%').ok).toBe(false);
  });
});

describe('sweeps', () => {
  const doc = parse(readFileSync('scenarios/library/default.yaml', 'utf8')) as unknown;

  test('applyVary sets a path in a copy and leaves the document alone', () => {
    const out = applyVary(doc, { 'designs[1].options.dedupe': 'target', 'fleets[0].count': 12 }) as { designs: { options: { dedupe: string } }[]; fleets: { count: number }[] };
    expect(out.designs[1]!.options.dedupe).toBe('target');
    expect(out.fleets[0]!.count).toBe(12);
    expect((doc as typeof out).designs[1]!.options.dedupe).toBe('source');
    expect(() => applyVary(doc, { 'designs[9].options.dedupe': 'none' })).toThrow(/designs\[9\] does not exist/);
  });

  test('the grid is row-major in the order of the keys', () => {
    expect(varyGrid([{ key: 'a', values: [1, 2] }, { key: 'b', values: ['x', 'y'] }])).toEqual([{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]);
  });
});

describe('what validates also builds', () => {
  // Idea: the references and limits the loader checks are the ones the engine's world builder
  // enforces, so any fleet shape the loader accepts builds into a world without a ConfigError.
  test('random fleets over random hosts build into worlds', () => {
    const fleet = fc.record({
      count: fc.integer({ min: 1, max: 6 }),
      vcpus: fc.integer({ min: 1, max: 24 }),
      mode: fc.constantFrom('round-robin', 'fill'),
      template: fc.constantFrom('win2016', 'rhel6', 'win2008r2'),
      sizeGib: fc.integer({ min: 1, max: 64 }),
      appDataGib: fc.integer({ min: 0, max: 8 }),
      change: fc.constantFrom('typical', 'database', 'sizing-assumption'),
      workload: fc.constantFrom('idle', 'busy'),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 32 }), fc.array(fleet, { minLength: 1, maxLength: 3 }), (hosts, cores, fleets) => {
        const text = stringify({
          name: 'random',
          chunkSize: '4 MiB',
          hosts: [{ name: 'h{i}', count: hosts, cores }],
          datastores: [{ name: 'ds', kind: 'nfs' }],
          fleets: fleets.map((f, i) => ({
            name: `f${i}-{i}`,
            count: f.count,
            vcpus: f.vcpus,
            placement: { mode: f.mode },
            template: f.template,
            change: f.change,
            disks: [{ size: `${f.sizeGib + 8} GiB`, appData: `${f.appDataGib} GiB` }],
            workload: f.workload === 'idle' ? 'idle' : { read: '2 MB/s', write: '1 MB/s' },
          })),
          designs: [{ name: 'a', kind: 'agent' }],
        });
        const r = parseScenarioText(text, 'random.yaml');
        if (!r.ok) {
          expect(r.issues.every((i) => (i.code === 'conflict' && /cores/.test(i.message)) || (i.code === 'too_small' && /must hold/.test(i.message)))).toBe(true);
          return;
        }
        const c = compileScenario(r.scenario);
        expect(() => buildWorld(new Simulation({ seed: 1 }), c.world)).not.toThrow();
      }),
      { numRuns: 25 },
    );
  });

  test('the library scenarios load', () => {
    const r = parseScenarioText(readFileSync('scenarios/library/default.yaml'), 'default.yaml');
    if (!r.ok) throw new Error(formatIssues(r.issues));
  });
});
