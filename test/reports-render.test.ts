/**
 * The whole report: byte-identical output for the same results, every name
 * from a scenario escaped, no inline handlers and one script, every section
 * and chart present, and the size and speed bounds on a large estate.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/index.js';
import { HOSTILE, syntheticRun, syntheticSweep } from './support/report-fixtures.js';

/** Every tag's attribute names (values are always double-quoted and escaped). */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const bare = tag[0].replace(/="[^"]*"/g, '=""');
    for (const a of bare.matchAll(/\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?==)/g)) names.push(a[1]!.toLowerCase());
  }
  return names;
}

function chartsOf(html: string): string[] {
  return [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]!);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('renderReport on a run', () => {
  const run = syntheticRun({ vms: 30, days: 3 });
  const html = renderReport(run);

  it('gives the same bytes for the same results, whatever the time zone', () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Chatham';
      expect(renderReport(syntheticRun({ vms: 30, days: 3 }))).toBe(html);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('reads no clock, no random source and no host locale anywhere in reports/', () => {
    const offenders = sources('reports').filter((f) => /\bDate\b|Math\.random|performance\.now|toLocale\w*String|\bIntl\./.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('is one self-contained page: one inline script, no external references, no inline handlers', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/(?:href|src)="(?!#)/);
    expect(attributeNames(html).filter((a) => a.startsWith('on'))).toEqual([]);
  });

  it('draws every chart the report promises', () => {
    const charts = new Set(chartsOf(html));
    for (const c of ['summary', 'bars', 'window-nights', 'impact-latency-machines', 'impact-delivered-machines', 'impact-latency-hosts', 'impact-delivered-hosts', 'gantt', 'concurrency', 'heatmap', 'storage-days', 'restore-times', 'instant-recovery', 'matrix']) {
      expect(charts.has(c), c).toBe(true);
    }
  });

  it('marks the best value of a column and computes the readings from the data', () => {
    expect(html).toContain('proxy-vadp-cbt has the shortest backup window:');
    expect(html).toMatch(/<td class="best" title="best in this column" data-v="[^"]+">/);
  });

  it('tags every design-specific element so a toggle can hide it', () => {
    expect(html).toContain('data-toggle-design="0"');
    expect(html).toContain('<tr data-design="1"');
    expect(html).toMatch(/<figure data-design="2">/);
  });
});

describe('escaping', () => {
  const html = renderReport(syntheticRun({ hostile: true, vms: 12, days: 2 }));

  it('renders a machine, host, lane, resource, design and title called <img src=x onerror=alert(1)> as text', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('vm/&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('esx-&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('cdp-&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>Title &lt;img src=x onerror=alert(1)&gt;</title>');
    expect(attributeNames(html).filter((a) => a.startsWith('on'))).toEqual([]);
  });

  it('escapes quotes inside attributes, so a name cannot close one', () => {
    const run = syntheticRun({ vms: 6, days: 1 });
    const quoted = { ...run, designs: run.designs.map((d, i) => (i === 0 ? { ...d, design: `a" onmouseover="x` } : d)) };
    const out = renderReport(quoted);
    expect(out).toContain('a&quot; onmouseover=&quot;x');
    expect(attributeNames(out).filter((a) => a.startsWith('on'))).toEqual([]);
    expect(HOSTILE).toContain('<');
  });
});

describe('renderReport on a sweep and on several runs', () => {
  it('draws distributions across seeds and the effect of the swept parameter', () => {
    const html = renderReport(syntheticSweep({ hostile: true }));
    const charts = chartsOf(html);
    expect(charts.filter((c) => c === 'boxplot').length).toBeGreaterThan(3);
    expect(charts).toContain('effect');
    expect(html).not.toContain('<img');
    expect(html).toContain('dots: one per seed');
  });

  it('compares several runs in one table and keeps toggle indices unique', () => {
    const html = renderReport([syntheticRun({ vms: 6, days: 2, seed: 1 }), syntheticRun({ vms: 6, days: 2, seed: 2 })]);
    expect(html).toContain('All runs side by side');
    const toggles = [...html.matchAll(/data-toggle-design="(\d+)"/g)].map((m) => m[1]);
    expect(toggles).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});

describe('scale', () => {
  // The 1 s generation target is a benchmark (bench/report.bench.ts), never a timed test.
  it('keeps a 1,000-VM, 30-day, 4-design report under 5 MB', () => {
    const html = renderReport(syntheticRun({ vms: 1000, days: 30, designs: 4 }));
    expect(Buffer.byteLength(html)).toBeLessThan(5e6);
  });
});
