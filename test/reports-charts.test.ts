/**
 * Golden tests of the chart builders: small inputs, exact SVG (or HTML)
 * strings out. A builder's output is byte-stable (fixed precision, no clock,
 * no locale), so a change here is a deliberate change of the drawing.
 */
import { describe, expect, it } from 'vitest';
import { axisLeft, niceScale, timeTicks } from '../reports/charts/axis.js';
import { barChart } from '../reports/charts/bars.js';
import { boxplotChart } from '../reports/charts/boxplot.js';
import { ganttChart, packRows } from '../reports/charts/gantt.js';
import { heatmapChart, runsOf } from '../reports/charts/heatmap.js';
import { downsample, lineChart } from '../reports/charts/lines.js';
import { matrixChart } from '../reports/charts/matrix.js';
import { frame } from '../reports/charts/svg.js';

const HOURS = { label: 'h', divisor: 3600 };

describe('the axis helpers', () => {
  it('draws a left axis with ticks on round numbers of the display unit (hours), not of seconds', () => {
    const f = frame(200, 100, { top: 0, right: 0, bottom: 20, left: 40 });
    expect(axisLeft(niceScale(0, 7200, HOURS, [80, 0]), f, { unit: HOURS, label: 'h', grid: false })).toBe(
      `<g class="axis axis-y" transform="translate(40,0)"><line x1="0" y1="0" x2="0" y2="80"/><line x1="-4" y1="80" x2="0" y2="80"/><text x="-6" y="80" dy="0.32em" text-anchor="end">0.0</text><line x1="-4" y1="60" x2="0" y2="60"/><text x="-6" y="60" dy="0.32em" text-anchor="end">0.5</text><line x1="-4" y1="40" x2="0" y2="40"/><text x="-6" y="40" dy="0.32em" text-anchor="end">1.0</text><line x1="-4" y1="20" x2="0" y2="20"/><text x="-6" y="20" dy="0.32em" text-anchor="end">1.5</text><line x1="-4" y1="0" x2="0" y2="0"/><text x="-6" y="0" dy="0.32em" text-anchor="end">2.0</text><text class="axis-label" transform="rotate(-90)" x="-40" y="-28" text-anchor="middle">h</text></g>`,
    );
  });

  it('puts time ticks on whole steps, at most the number asked for', () => {
    expect(timeTicks(0, 86_400, 8)).toEqual({ ticks: [0, 10800, 21600, 32400, 43200, 54000, 64800, 75600, 86400], stepSec: 10800 });
    expect(timeTicks(3600, 4000, 8).stepSec).toBe(60);
  });
});

describe('the bar chart', () => {
  const svg = barChart({
    label: 'W',
    groups: [
      { label: 'a', bars: [{ series: 's', value: 3600, color: '#111' }] },
      { label: 'b', bars: [{ series: 's', value: null, color: '#222' }] },
    ],
    unit: HOURS,
    axisLabel: 'window (h)',
    valueText: (v) => `${(v / 3600).toFixed(1)} h`,
    width: 300,
  });

  it('is exactly this SVG for two groups, one without a value', () => {
    expect(svg).toBe(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 102" width="300" height="102" role="img" aria-label="W" data-chart="bars" data-series="[&quot;s&quot;]"><title>W</title><g class="axis axis-x" transform="translate(60,62)"><line x1="0" y1="0" x2="150" y2="0"/><g class="grid"><line x1="0" y1="-54" x2="0" y2="0"/></g><line x1="0" y1="0" x2="0" y2="4"/><text x="0" y="15" text-anchor="middle">0.0</text><g class="grid"><line x1="30" y1="-54" x2="30" y2="0"/></g><line x1="30" y1="0" x2="30" y2="4"/><text x="30" y="15" text-anchor="middle">0.2</text><g class="grid"><line x1="60" y1="-54" x2="60" y2="0"/></g><line x1="60" y1="0" x2="60" y2="4"/><text x="60" y="15" text-anchor="middle">0.4</text><g class="grid"><line x1="90" y1="-54" x2="90" y2="0"/></g><line x1="90" y1="0" x2="90" y2="4"/><text x="90" y="15" text-anchor="middle">0.6</text><g class="grid"><line x1="120" y1="-54" x2="120" y2="0"/></g><line x1="120" y1="0" x2="120" y2="4"/><text x="120" y="15" text-anchor="middle">0.8</text><g class="grid"><line x1="150" y1="-54" x2="150" y2="0"/></g><line x1="150" y1="0" x2="150" y2="4"/><text x="150" y="15" text-anchor="middle">1.0</text><text class="axis-label" x="75" y="30" text-anchor="middle">window (h)</text></g><g class="axis axis-band" transform="translate(60,8)"><text x="-6" y="10.8" dy="0.32em" text-anchor="end"><title>a</title>a</text><text x="-6" y="43.2" dy="0.32em" text-anchor="end"><title>b</title>b</text></g><g class="marks" transform="translate(60,8)"><g data-series-name="s"><rect x="0" y="1" width="150" height="19.6" fill="#111"><title>a, s: 1.0 h</title></rect><text class="value" x="154" y="10.8" dy="0.32em">1.0 h</text></g><text class="value" x="4" y="43.2" dy="0.32em"><title>b, s: n/a</title>n/a</text></g></svg>`);
  });

  it('writes n/a for a missing value instead of a zero-length bar', () => {
    expect(svg).toContain('<text class="value" x="4" y="43.2" dy="0.32em"><title>b, s: n/a</title>n/a</text>');
  });
});

describe('the line chart', () => {
  const svg = lineChart({
    label: 'L',
    bucketSec: 3600,
    endSec: 4 * 3600,
    series: [{ name: 'x', color: '#111', values: [1, 2, 0, 4] }],
    unit: { label: '×', divisor: 1 },
    axisLabel: 'inflation (×)',
    valueText: (v) => v.toFixed(1),
    zeroIsGap: true,
    width: 300,
    height: 120,
  });

  it('is exactly this SVG for one series with a gap', () => {
    expect(svg).toBe(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 120" width="300" height="120" role="img" aria-label="L" data-chart="lines" data-series="[&quot;x&quot;]"><title>L</title><g class="axis axis-y" transform="translate(64,10)"><line x1="0" y1="0" x2="0" y2="70"/><g class="grid"><line x1="0" y1="70" x2="220" y2="70"/></g><line x1="-4" y1="70" x2="0" y2="70"/><text x="-6" y="70" dy="0.32em" text-anchor="end">0</text><g class="grid"><line x1="0" y1="52.5" x2="220" y2="52.5"/></g><line x1="-4" y1="52.5" x2="0" y2="52.5"/><text x="-6" y="52.5" dy="0.32em" text-anchor="end">1</text><g class="grid"><line x1="0" y1="35" x2="220" y2="35"/></g><line x1="-4" y1="35" x2="0" y2="35"/><text x="-6" y="35" dy="0.32em" text-anchor="end">2</text><g class="grid"><line x1="0" y1="17.5" x2="220" y2="17.5"/></g><line x1="-4" y1="17.5" x2="0" y2="17.5"/><text x="-6" y="17.5" dy="0.32em" text-anchor="end">3</text><g class="grid"><line x1="0" y1="0" x2="220" y2="0"/></g><line x1="-4" y1="0" x2="0" y2="0"/><text x="-6" y="0" dy="0.32em" text-anchor="end">4</text><text class="axis-label" transform="rotate(-90)" x="-35" y="-52" text-anchor="middle">inflation (×)</text></g><g class="axis axis-x" transform="translate(64,80)"><line x1="0" y1="0" x2="220" y2="0"/><line x1="0" y1="0" x2="0" y2="4"/><text x="0" y="15" text-anchor="middle">0d 00:00</text><line x1="27.5" y1="0" x2="27.5" y2="4"/><text x="27.5" y="15" text-anchor="middle">0d 00:30</text><line x1="55" y1="0" x2="55" y2="4"/><text x="55" y="15" text-anchor="middle">0d 01:00</text><line x1="82.5" y1="0" x2="82.5" y2="4"/><text x="82.5" y="15" text-anchor="middle">0d 01:30</text><line x1="110" y1="0" x2="110" y2="4"/><text x="110" y="15" text-anchor="middle">0d 02:00</text><line x1="137.5" y1="0" x2="137.5" y2="4"/><text x="137.5" y="15" text-anchor="middle">0d 02:30</text><line x1="165" y1="0" x2="165" y2="4"/><text x="165" y="15" text-anchor="middle">0d 03:00</text><line x1="192.5" y1="0" x2="192.5" y2="4"/><text x="192.5" y="15" text-anchor="middle">0d 03:30</text><line x1="220" y1="0" x2="220" y2="4"/><text x="220" y="15" text-anchor="middle">0d 04:00</text><text class="axis-label" x="110" y="30" text-anchor="middle">simulated time (day from 0, hh:mm)</text></g><g class="marks" transform="translate(64,10)"><path class="line" data-series-name="x" d="M27.5,52.5L82.5,35M192.5,0Z" fill="none" stroke="#111" stroke-width="1.6"><title>x: peak 4.0 at 0d 03:00, mean 2.3</title></path></g></svg>`);
  });

  it('breaks the line where a bucket was not observed (0) and states the peak in the tooltip', () => {
    expect(svg).toContain('d="M27.5,52.5L82.5,35M192.5,0Z"');
    expect(svg).toContain('<title>x: peak 4.0 at 0d 03:00, mean 2.3</title>');
  });

  it('reduces long series by group max (or min), skipping unobserved buckets', () => {
    expect(downsample([1, 5, 0, 2, 3], 2, 'max', true)).toEqual([5, 2, 3]);
    expect(downsample([1, 5, 0, 2, 3], 2, 'min', true)).toEqual([1, 2, 3]);
    expect(downsample([0, 0, 4], 2, 'max', true)).toEqual([0, 4]);
  });
});

describe('the Gantt chart', () => {
  it('is exactly this SVG for two overlapping jobs on one proxy, one with a snapshot', () => {
    const g = ganttChart({
      label: 'G',
      lanes: [
        {
          name: 'p1',
          kind: 'proxy',
          bars: [
            { machine: 'vm/a', kind: 'full', startSec: 0, endSec: 1800, state: 'done', snapshot: { startSec: 0, endSec: 600 } },
            { machine: 'vm/b', kind: 'full', startSec: 900, endSec: 3600, state: 'failed' },
          ],
        },
      ],
      startSec: 0,
      endSec: 3600,
      width: 400,
    });
    expect(g.svg).toBe(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 80" width="400" height="80" role="img" aria-label="G" data-chart="gantt" data-series="[&quot;p1&quot;]"><title>G</title><g class="axis axis-x" transform="translate(150,38)"><line x1="0" y1="0" x2="234" y2="0"/><line x1="0" y1="0" x2="0" y2="4"/><text x="0" y="15" text-anchor="middle">0d 00:00</text><line x1="39" y1="0" x2="39" y2="4"/><text x="39" y="15" text-anchor="middle">0d 00:10</text><line x1="78" y1="0" x2="78" y2="4"/><text x="78" y="15" text-anchor="middle">0d 00:20</text><line x1="117" y1="0" x2="117" y2="4"/><text x="117" y="15" text-anchor="middle">0d 00:30</text><line x1="156" y1="0" x2="156" y2="4"/><text x="156" y="15" text-anchor="middle">0d 00:40</text><line x1="195" y1="0" x2="195" y2="4"/><text x="195" y="15" text-anchor="middle">0d 00:50</text><line x1="234" y1="0" x2="234" y2="4"/><text x="234" y="15" text-anchor="middle">0d 01:00</text><text class="axis-label" x="117" y="30" text-anchor="middle">simulated time (day from 0, hh:mm)</text></g><g class="marks" transform="translate(150,8)"><g class="lane" data-lane="p1"><rect x="0" y="0" width="234" height="24" fill="#f6f8fa"/><text x="-6" y="12" dy="0.32em" text-anchor="end"><title>proxy p1: 2 jobs drawn, peak concurrency 2</title>proxy p1</text><rect x="0" y="1" width="117" height="7" fill="#4e79a7"><title>vm/a full done: 0d 00:00 to 0d 00:30 (30.0 min), snapshot held 10.0 min</title></rect><rect class="snapshot" x="0" y="8.5" width="39" height="2" fill="#59a14f"/><rect x="58.5" y="13" width="175.5" height="7" fill="#e15759"><title>vm/b full failed: 0d 00:15 to 0d 01:00 (45.0 min)</title></rect></g></g></svg>`);
    expect([g.drawn, g.leftOut]).toEqual([2, 0]);
  });

  it('packs overlapping jobs into rows and reports the peak concurrency', () => {
    const bar = (startSec: number, endSec: number) => ({ machine: 'm', kind: 'full', state: 'done', startSec, endSec });
    expect(packRows([bar(0, 10), bar(5, 8), bar(9, 12)], 8)).toEqual({ rows: [0, 1, 1], rowCount: 2, peak: 2 });
    expect(packRows([bar(0, 10), bar(1, 10), bar(2, 10)], 2).rowCount).toBe(2);
  });

  it('draws at most maxBars jobs and counts the rest', () => {
    const bars = Array.from({ length: 10 }, (_, i) => ({ machine: `m${i}`, kind: 'full', state: 'done', startSec: i, endSec: i + 5 }));
    const g = ganttChart({ label: 'G', lanes: [{ name: 'h', kind: 'host', bars }], startSec: 0, endSec: 20, maxBars: 4 });
    expect([g.drawn, g.leftOut]).toEqual([4, 6]);
  });
});

describe('the heatmap', () => {
  it('is exactly this SVG: idle cells are background, equal colours merge into one rectangle', () => {
    expect(heatmapChart({ label: 'U', rows: [{ name: 'ds1', kind: 'datastore', values: [0.05, 0.55, 0.58, 0.99] }], bucketSec: 3600, endSec: 4 * 3600, width: 400 })).toBe(
      `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 66" width="400" height="66" role="img" aria-label="U" data-chart="heatmap" data-series="[&quot;ds1&quot;]"><title>U</title><g class="axis axis-x" transform="translate(170,22)"><line x1="0" y1="0" x2="214" y2="0"/><line x1="0" y1="0" x2="0" y2="4"/><text x="0" y="15" text-anchor="middle">0d 00:00</text><line x1="26.8" y1="0" x2="26.8" y2="4"/><text x="26.8" y="15" text-anchor="middle">0d 00:30</text><line x1="53.5" y1="0" x2="53.5" y2="4"/><text x="53.5" y="15" text-anchor="middle">0d 01:00</text><line x1="80.3" y1="0" x2="80.3" y2="4"/><text x="80.3" y="15" text-anchor="middle">0d 01:30</text><line x1="107" y1="0" x2="107" y2="4"/><text x="107" y="15" text-anchor="middle">0d 02:00</text><line x1="133.8" y1="0" x2="133.8" y2="4"/><text x="133.8" y="15" text-anchor="middle">0d 02:30</text><line x1="160.5" y1="0" x2="160.5" y2="4"/><text x="160.5" y="15" text-anchor="middle">0d 03:00</text><line x1="187.3" y1="0" x2="187.3" y2="4"/><text x="187.3" y="15" text-anchor="middle">0d 03:30</text><line x1="214" y1="0" x2="214" y2="4"/><text x="214" y="15" text-anchor="middle">0d 04:00</text><text class="axis-label" x="107" y="30" text-anchor="middle">simulated time (day from 0, hh:mm)</text></g><g class="marks" transform="translate(170,8)"><g class="heat-row" data-resource="ds1"><text x="-6" y="7" dy="0.32em" text-anchor="end"><title>datastore ds1</title>datastore ds1</text><rect x="0" y="0" width="214" height="13" fill="#f6f8fa"/><rect x="53.5" y="0" width="107" height="13" fill="rgb(252, 115, 53)"><title>ds1: 0d 01:00 to 0d 03:00, 50–60% (max 58.0%)</title></rect><rect x="160.5" y="0" width="53.5" height="13" fill="rgb(152, 0, 38)"><title>ds1: 0d 03:00 to 0d 04:00, 90–100% (max 99.0%)</title></rect></g></g></svg>`,
    );
    expect(runsOf([0.05, 0.55, 0.58, 0.99])).toEqual([
      [0, 1, 0, 0.05],
      [1, 2, 5, 0.58],
      [3, 1, 9, 0.99],
    ]);
  });
});

describe('the box plot', () => {
  const spec = {
    label: 'B',
    rows: [{ label: 'a', color: '#111', stats: { n: 3, min: 1, ciLow: 2, median: 3, ciHigh: 4, max: 5 }, points: [1, 3, 5] }],
    unit: { label: 'count', divisor: 1 },
    axisLabel: 'n',
    valueText: (v: number) => String(v),
    width: 300,
  };

  it('spans the data by default, so the spread across seeds fills the axis', () => {
    const svg = boxplotChart(spec);
    const ticks = [...svg.matchAll(/<text x="[\d.]+" y="15" text-anchor="middle">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks[0]).toBe('1');
    expect(ticks[ticks.length - 1]).toBe('5');
    // The whisker runs from the left edge of the plot (min 1) to its right edge (max 5).
    expect(svg).toContain('<line x1="0" y1="12" x2="216" y2="12" stroke="#111"/>');
  });

  it('is exactly this SVG for one distribution with three seeds, from zero', () => {
    const svg = boxplotChart({ ...spec, fromZero: true });
    expect(svg).toBe(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 74" width="300" height="74" role="img" aria-label="B" data-chart="boxplot" data-series="[&quot;a&quot;]"><title>B</title><g class="axis axis-x" transform="translate(60,32)"><line x1="0" y1="0" x2="216" y2="0"/><g class="grid"><line x1="0" y1="-24" x2="0" y2="0"/></g><line x1="0" y1="0" x2="0" y2="4"/><text x="0" y="15" text-anchor="middle">0</text><g class="grid"><line x1="43.2" y1="-24" x2="43.2" y2="0"/></g><line x1="43.2" y1="0" x2="43.2" y2="4"/><text x="43.2" y="15" text-anchor="middle">1</text><g class="grid"><line x1="86.4" y1="-24" x2="86.4" y2="0"/></g><line x1="86.4" y1="0" x2="86.4" y2="4"/><text x="86.4" y="15" text-anchor="middle">2</text><g class="grid"><line x1="129.6" y1="-24" x2="129.6" y2="0"/></g><line x1="129.6" y1="0" x2="129.6" y2="4"/><text x="129.6" y="15" text-anchor="middle">3</text><g class="grid"><line x1="172.8" y1="-24" x2="172.8" y2="0"/></g><line x1="172.8" y1="0" x2="172.8" y2="4"/><text x="172.8" y="15" text-anchor="middle">4</text><g class="grid"><line x1="216" y1="-24" x2="216" y2="0"/></g><line x1="216" y1="0" x2="216" y2="4"/><text x="216" y="15" text-anchor="middle">5</text><text class="axis-label" x="108" y="30" text-anchor="middle">n</text></g><g class="axis axis-band" transform="translate(60,8)"><text x="-6" y="12" dy="0.32em" text-anchor="end"><title>a</title>a</text></g><g class="marks" transform="translate(60,8)"><g data-series-name="a"><title>a: median 3 (interval 2 to 4), min 1, max 5, n=3</title><line x1="43.2" y1="12" x2="216" y2="12" stroke="#111"/><rect x="86.4" y="4.8" width="86.4" height="14.4" fill="#111" fill-opacity="0.3" stroke="#111"/><line x1="129.6" y1="4.8" x2="129.6" y2="19.2" stroke="#111" stroke-width="2.5"/><circle cx="43.2" cy="12" r="2" fill="#111" fill-opacity="0.7"/><circle cx="129.6" cy="12" r="2" fill="#111" fill-opacity="0.7"/><circle cx="216" cy="12" r="2" fill="#111" fill-opacity="0.7"/></g></g></svg>`);
  });
});

describe('the matrix', () => {
  it('is exactly this table, with the tone as a class and the design as a toggle tag', () => {
    expect(matrixChart({ label: 'M', rowHeader: 'platform', columns: [{ name: 'd1', design: 0 }], rows: [{ name: 'vsphere-4', cells: [{ text: 'protects', tone: 'good', title: 't' }] }] })).toBe(
      `<div class="table-wrap"><table class="matrix" aria-label="M" data-chart="matrix" data-series="[&quot;d1&quot;]"><thead><tr><th class="text">platform</th><th data-design="0">d1</th></tr></thead><tbody><tr><th class="text" scope="row">vsphere-4</th><td class="good" data-design="0" title="t">protects</td></tr></tbody></table></div>`,
    );
  });
});
