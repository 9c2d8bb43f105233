/**
 * The report's formatting and readings: fixed precision and units whatever
 * the host locale, computed one-line readings, and the machine profiles read
 * tolerantly from either shape of a normalised scenario.
 */
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../scenarios/schema/units.js';
import { bytes, bytesPair, clock, duration, durationPair, fixed, percent, rate, ratio } from '../reports/format.js';
import { esc } from '../reports/html.js';
import { compareReading } from '../reports/reading.js';
import { machineProfiles } from '../reports/sections/machines.js';

describe('format', () => {
  it('writes numbers with fixed decimals, thousands separators and a dash for the unknown', () => {
    expect(fixed(1234567.891, 2)).toBe('1,234,567.89');
    expect(fixed(-0, 1)).toBe('0.0');
    expect(fixed(null, 1)).toBe('–');
    expect(fixed(Number.NaN, 1)).toBe('–');
  });

  it('picks decimal units with about three significant digits', () => {
    expect(bytes(263_831_914_786)).toBe('264 GB');
    expect(bytes(1_855_425_871_872)).toBe('1.86 TB');
    expect(rate(232_392_253.75)).toBe('232 MB/s');
    expect(duration(67.46)).toBe('67.5 s');
    expect(duration(1399.17)).toBe('23.3 min');
    expect(duration(86_416)).toBe('24.0 h');
    expect(duration(30 * 86_400)).toBe('30.0 d');
    expect(ratio(7.0326)).toBe('7.03×');
    expect(percent(0.9512)).toBe('95.1%');
  });

  it('puts two durations in one unit for a comparison', () => {
    expect(durationPair(4320, 12_240)).toEqual(['1.20 h', '3.40 h']);
    // 25.7 s would read "0.01 h" beside 24 h: each value keeps its own unit instead.
    expect(durationPair(25.7, 86_400)).toEqual(['25.7 s', '24.0 h']);
    expect(bytesPair(2e6, 5e9)).toEqual(['2.00 MB', '5.00 GB']);
  });

  it('formats simulated time as day and clock, from seconds, without a calendar', () => {
    expect(clock(0)).toBe('0d 00:00');
    expect(clock(79_200)).toBe('0d 22:00');
    expect(clock(86_400 + 3661)).toBe('1d 01:01');
  });

  it('writes a time the way a scenario does, so a time read in the report pastes into a drill or a fault', () => {
    for (const t of [0, 59, 79_200, 86_400 + 3661, 29 * 86_400 + 86_399]) {
      const back = parseInstant(clock(t));
      expect(back).toEqual({ ok: true, value: t - (t % 60) });
    }
  });

  it('escapes the five HTML-significant characters', () => {
    expect(esc(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  });
});

describe('readings', () => {
  it('names the best and the worst design with their values in one unit', () => {
    const items = [
      { name: 'agents', value: 12_240 },
      { name: 'proxy-vadp-cbt', value: 4320 },
      { name: 'cdp', value: null },
    ];
    expect(compareReading(items, 'min', 'shortest backup window', durationPair)).toBe('proxy-vadp-cbt has the shortest backup window: 1.20 h vs 3.40 h (agents).');
  });

  it('says when designs tie, when only one has a value and when none has', () => {
    const tie = [
      { name: 'a', value: 60 },
      { name: 'b', value: 60 },
    ];
    expect(compareReading(tie, 'min', 'fastest vm restore', durationPair)).toBe('All 2 designs are equal on vm restore: 60.0 s.');
    expect(compareReading([{ name: 'a', value: 60 }, { name: 'b', value: null }], 'min', 'fastest vm restore', durationPair)).toBe('a has the fastest vm restore: 60.0 s (the only design with a value).');
    expect(compareReading([{ name: 'a', value: null }], 'min', 'fastest vm restore', durationPair)).toBe('No design has a value for vm restore.');
  });

  it('calls values equal when they differ only below the precision shown, and names the items as asked', () => {
    const close = [
      { name: 'a @ days=2', value: 67.46 },
      { name: 'a @ days=3', value: 67.47 },
    ];
    expect(compareReading(close, 'min', 'lowest median instant recovery RTO', durationPair, 'distributions')).toBe('All 2 distributions are equal on median instant recovery RTO to the precision shown: 67.5 s.');
  });
});

describe('machine profiles', () => {
  it('reads a compiled world: VM platform from the default, applications from the guests', () => {
    const lookup = machineProfiles({
      world: { defaultPlatform: 'vsphere-4', estate: { vms: [{ name: 'sql-11', host: 'esx-01' }], physicalServers: [{ name: 'erp' }] }, guests: [{ machine: 'sql-11', applications: [{ kind: 'sql-server' }] }] },
    });
    expect(lookup('vm/sql-11')).toEqual({ platform: 'vsphere-4', application: 'sql-server' });
    expect(lookup('physical/erp')).toEqual({ platform: 'physical', application: 'unknown' });
  });

  it('reads a fleet without variants by the fixed prefix of its name pattern', () => {
    const lookup = machineProfiles({ platform: 'vsphere-4', fleets: [{ name: 'app-{i:2}', apps: ['sql-server'] }, { name: '{i}', apps: ['x'] }] });
    expect(lookup('vm/app-01')).toEqual({ platform: 'vsphere-4', application: 'sql-server' });
    expect(lookup('vm/7')).toEqual({ platform: 'unknown', application: 'unknown' });
  });

  it('reads a scenario document, matching fleet machines to their variant by name', () => {
    const lookup = machineProfiles({ platform: 'hyperv-2016', fleets: [{ variants: [{ name: 'web', apps: ['postgresql'] }] }], physicalServers: [{ name: 'erp', apps: ['postgresql'] }] });
    expect(lookup('vm/web-12')).toEqual({ platform: 'hyperv-2016', application: 'postgresql' });
    expect(lookup('physical/erp')).toEqual({ platform: 'physical', application: 'postgresql' });
    expect(lookup('vm/other-1')).toEqual({ platform: 'unknown', application: 'unknown' });
  });

  it('never throws on a shape it does not know', () => {
    for (const n of [null, 42, 'x', [], { world: 7 }, { fleets: 'no' }]) expect(machineProfiles(n)('vm/a').platform).toBe('unknown');
  });
});
