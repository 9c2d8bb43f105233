/**
 * What the report and the `vmbsim run` table say about the results' newer
 * data: tape speeds against the drive's native speed and the backhitches,
 * the I/O a VM got while it ran from its backup, and scheduled faults beside
 * the verification verdicts. Exact fragments come from synthetic results
 * with round figures, and from real runs of two canonical scenarios
 * (tape-vs-disk, verification) whose measured figures the report must show.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/index.js';
import type { DesignResult, FaultRecord, RunResultsFile, TapeResults } from '../reports/input-types.js';
import { comparisonTable } from '../scenarios/cli/table.js';
import { loadScenario } from '../scenarios/scenario-source.js';
import { simulate } from '../scenarios/simulate.js';
import { HOSTILE, syntheticRun } from './support/report-fixtures.js';

const MB = 1e6;
const DRIVE = { drive: 'target/lto7-lib/drive/0', nativeBytesPerSec: 300 * MB, minStreamBytesPerSec: 101 * MB };
const figures = (jobs: number, bytesWritten: number, writeSec: number, backhitches: number, cartridgesLoaded: number) => ({
  jobs,
  bytesWritten,
  writeSec,
  effectiveBytesPerSec: bytesWritten / writeSec,
  backhitches,
  repositionSec: 3 * backhitches,
  streamingSec: writeSec / 2,
  stalledSec: 0,
  cartridgesLoaded,
});
/** Straight to tape: fulls at 60 MB/s with 100 backhitches, incrementals at 25 MB/s. */
const DIRECT: TapeResults = {
  total: figures(18, 165e9, 3100, 112, 1),
  drives: [DRIVE],
  byKind: [
    { kind: 'full', ...figures(6, 150e9, 2500, 100, 1) },
    { kind: 'incremental', ...figures(12, 15e9, 600, 12, 0) },
  ],
};
/** Disk to disk to tape: 270 MB/s, no backhitch. */
const COPY: TapeResults = { total: figures(6, 81e9, 300, 0, 1), drives: [DRIVE], byKind: [{ kind: 'tape-copy', ...figures(6, 81e9, 300, 0, 1) }] };

const IR_AT_SEC = 86_400 + 22 * 3600;

function withDesigns(run: RunResultsFile, patch: (d: DesignResult, i: number) => Partial<DesignResult>): RunResultsFile {
  return { ...run, designs: run.designs.map((d, i) => ({ ...d, ...patch(d, i) })) };
}

/** The text of the first element matching `open` up to `close`, tags stripped, cells separated by `|`. */
function textOf(html: string, open: string, close: string): string {
  const from = html.indexOf(open);
  if (from < 0) return '';
  return html.slice(from, html.indexOf(close, from)).replace(/<\/t[dh]>/g, '|').replace(/<\/tr>/g, '\n').replace(/<[^>]+>/g, '');
}

const readingOf = (html: string, title: string): string => textOf(html, `<figcaption>${title}</figcaption><p class="reading">`, '</p>').replace(title, '');

describe('the tape figure', () => {
  const run = withDesigns(syntheticRun({ vms: 6, days: 2 }), (_d, i) => (i === 1 ? { tape: DIRECT } : i === 2 ? { tape: COPY } : {}));
  const html = renderReport(run);

  it('compares effective speed with the native speed and counts the backhitches in one reading', () => {
    expect(readingOf(html, 'Tape: effective speed and backhitches')).toBe(
      'near-cdp-15min has the highest effective tape speed: 270 MB/s vs 53.2 MB/s (proxy-vadp-cbt). The drive streams at 300 MB/s and cannot slow below 101 MB/s: fed slower, it backhitches. ' +
        'Backhitches: proxy-vadp-cbt 112 (336 s repositioning), near-cdp-15min 0 (0 s repositioning).',
    );
  });

  it('draws one effective-speed bar and one native-speed bar per design and job kind', () => {
    const chart = /<svg[^>]*data-chart="tape-speed"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(chart).toContain('data-series="[&quot;effective speed&quot;,&quot;drive native speed&quot;]"');
    expect([...chart.matchAll(/<text class="value"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1])).toEqual(['60.0 MB/s', '300 MB/s', '25.0 MB/s', '300 MB/s', '270 MB/s', '300 MB/s']);
  });

  it('lists every job kind, with a total for a design that wrote more than one', () => {
    expect(textOf(html, '<table class="tape"', '</table>')).toBe(
      [
        'design|job kind|jobs|written|drive time|effective speed|of native|backhitches|repositioning|feed stalled|cartridges loaded|',
        'proxy-vadp-cbt|full|6|150 GB|41.7 min|60.0 MB/s|20.0%|100|5.00 min|0.00 s|1|',
        'proxy-vadp-cbt|incremental|12|15.0 GB|10.0 min|25.0 MB/s|8.3%|12|36.0 s|0.00 s|0|',
        'proxy-vadp-cbt|all|18|165 GB|51.7 min|53.2 MB/s|17.7%|112|5.60 min|0.00 s|1|',
        'near-cdp-15min|tape-copy|6|81.0 GB|5.00 min|270 MB/s|90.0%|0|0.00 s|0.00 s|1|',
        '',
      ].join('\n'),
    );
  });

  it('says the day-by-day storage chart counts disk only, and escapes a design name in the figure', () => {
    expect(html).toContain('Day by day, only disk repositories are counted; what went to tape is in the tape figure below.');
    const hostile = renderReport(withDesigns(syntheticRun({ hostile: true, vms: 6, days: 2 }), (_d, i) => (i === 2 ? { tape: COPY } : {})));
    expect(textOf(hostile, '<table class="tape"', '</table>')).toContain('cdp-&lt;img src=x onerror=alert(1)&gt;|tape-copy|6|');
    expect(hostile).not.toContain('<img');
  });

  it('is absent when no design wrote to tape, and says "–" for the share of native when the file has no drive speeds', () => {
    const none = renderReport(syntheticRun({ vms: 6, days: 2 }));
    expect(none).not.toContain('Tape: effective speed');
    expect(none).not.toContain('only disk repositories are counted');
    const old = renderReport(withDesigns(run, (_d, i) => (i === 1 ? { tape: { total: DIRECT.total, byKind: DIRECT.byKind } } : {})));
    expect(textOf(old, '<table class="tape"', '</table>')).toContain('proxy-vadp-cbt|full|6|150 GB|41.7 min|60.0 MB/s|–|100|');
  });
});

describe('a VM running from its backup', () => {
  const base = syntheticRun({ vms: 12, days: 2 });
  const slow = { ranSec: { mean: 3265.8, max: 3265.8 }, ioDeliveredRatio: 0.8219 };
  const run: RunResultsFile = {
    ...withDesigns(base, (d, i) => (i === 1 ? { restores: d.restores.map((k) => (k.kind === 'instant-recovery' ? { ...k, runFromBackup: slow } : k)) } : {})),
    scenario: { ...base.scenario, normalised: { drills: [{ kind: 'instant-recovery', machine: 'b', at: IR_AT_SEC }] } },
  };
  const html = renderReport(run);

  it('says how long it ran from the backup and what share of the demanded I/O it got, from the recorded figures', () => {
    expect(readingOf(html, 'Instant recovery')).toMatch(
      /proxy-vadp-cbt ran the VM from its backup for 54\.4 min \(1d 22:01 to 1d 22:55\), delivering 82\.2% of the I\/O its application demanded, before it was back on production storage; meanwhile target-\d+ was up to [\d.]+% busy\./,
    );
  });

  it('tabulates each kind run from the backup, marking I/O short of demand', () => {
    expect(textOf(html, '<table class="matrix" aria-label="Running from the backup"', '</table>')).toBe(
      'restore kind|agents-22h|proxy-vadp-cbt|near-cdp-15min|\ninstant-recovery|–|ran 54.4 min, I/O delivered 82.2%|–|\n',
    );
    expect(html).toContain('<td class="warn" data-design="1" title="proxy-vadp-cbt instant-recovery: longest run 54.4 min">ran 54.4 min, I/O delivered 82.2%</td>');
    expect(readingOf(html, 'Running from the backup')).toBe('proxy-vadp-cbt ran its instant-recovery from the backup for 54.4 min, delivering 82.2% of the I/O demanded.');
  });

  it('compares the designs when several ran a kind from the backup', () => {
    const both = withDesigns(run, (d, i) => (i === 3 || i === 0 ? {} : { restores: d.restores.map((k) => (k.kind === 'instant-recovery' ? { ...k, done: 1, runFromBackup: i === 1 ? slow : { ranSec: { mean: 230, max: 230 }, ioDeliveredRatio: 1 } } : k)) }));
    expect(readingOf(renderReport(both), 'Running from the backup')).toBe('near-cdp-15min has the highest I/O delivered / demanded while running instant-recovery from the backup: 100.0% vs 82.2% (proxy-vadp-cbt).');
  });

  it('draws no such table when the results record no run from a backup', () => {
    expect(renderReport(base)).not.toContain('Running from the backup');
  });
});

describe('scheduled faults', () => {
  const faults: FaultRecord[] = [
    { kind: 'corrupt-block', machine: `vm/${HOSTILE}`, atSec: 108_000, state: 'applied', detail: 'stored block of chunk 7 of disk 0 at point 2 corrupted', pointSec: 79_200, target: 'repo-01' },
    { kind: 'corrupt-block', machine: 'vm/sql-0002', atSec: 30_000, state: 'missed', detail: 'vm/sql-0002 has no restore point on repo-01 yet', pointSec: null, target: null },
  ];
  const html = renderReport(withDesigns(syntheticRun({ vms: 6, days: 2 }), (_d, i) => (i === 1 ? { faults } : {})));

  it('lists each fault with what it struck or why it missed, names escaped', () => {
    expect(textOf(html, '<table class="faults"', '</table>')).toBe(
      [
        'design|fault|machine|struck at|state|restore point|target|detail|',
        'proxy-vadp-cbt|corrupt-block|vm/&lt;img src=x onerror=alert(1)&gt;|1d 06:00|applied|0d 22:00|repo-01|stored block of chunk 7 of disk 0 at point 2 corrupted|',
        'proxy-vadp-cbt|corrupt-block|vm/sql-0002|0d 08:20|missed|–|–|vm/sql-0002 has no restore point on repo-01 yet|',
        '',
      ].join('\n'),
    );
    expect(html).not.toContain('<img');
  });

  it('reads the counts beside the design’s verification verdict, and is absent without faults', () => {
    expect(readingOf(html, 'Scheduled faults')).toBe(
      'proxy-vadp-cbt: 2 scheduled fault(s), 1 applied, 1 missed; its verification passed 1/1. An applied fault damaged a stored restore point; a missed one found nothing to damage.',
    );
    expect(renderReport(syntheticRun({ vms: 6, days: 2 }))).not.toContain('Scheduled faults');
  });
});

describe('real runs of the canonical scenarios', () => {
  const tape = simulate(loadScenario('scenarios/library/tape-vs-disk.yaml'));

  it('shows tape-vs-disk’s measured tape speeds and backhitches in the report', () => {
    const html = renderReport(tape);
    expect(readingOf(html, 'Tape: effective speed and backhitches')).toBe(
      'disk-then-tape has the highest effective tape speed: 274 MB/s vs 54.3 MB/s (direct-lto7-lan). The drive streams at 300 MB/s and cannot slow below 101 MB/s: fed slower, it backhitches. ' +
        'Backhitches: disk-then-tape 0 (0 s repositioning), direct-lto7-lan 120 (360 s repositioning), direct-lto7-san 12 (36 s repositioning).',
    );
    expect(textOf(html, '<table class="tape"', '</table>')).toContain('direct-lto7-lan|full|6|155 GB|41.6 min|61.9 MB/s|20.6%|108|5.40 min|0.00 s|1|');
  });

  it('adds the tape and snapshot rows to the comparison table, and no holding-area row when no design staged data', () => {
    const table = comparisonTable(tape.designs);
    expect(table).toMatch(/^tape effective speed \(MB\/s\) +273\.8 +54\.3 +77\.3$/m);
    expect(table).toMatch(/^tape drive native speed \(MB\/s\) +300 +300 +300$/m);
    expect(table).toMatch(/^tape backhitches +0 +120 +12$/m);
    expect(table).toMatch(/^snapshot lifetime, max \(min\) +6\.9 +7\.1 +4\.6$/m);
    expect(table).not.toContain('holding-area');
    expect(table).not.toContain('array snapshot');
    // The optional rows sit with the backup figures, before the recovery rows.
    expect(table.indexOf('guest CPU on backup')).toBeLessThan(table.indexOf('snapshot lifetime'));
    expect(table.indexOf('tape backhitches')).toBeLessThan(table.indexOf('restore points'));
  });

  it('adds a holding-area row only when some design staged data, with every design’s value', () => {
    const staged = tape.designs.map((d, i) => (i === 2 ? { ...d, holdingAreaPeakBytes: { max: 42.5e9, byProxy: [{ proxy: 'proxy/proxy-san', peakBytes: 42.5e9 }] } } : d));
    expect(comparisonTable(staged)).toMatch(/^proxy holding-area peak \(GB\) +0\.0 +0\.0 +42\.5$/m);
  });

  it('lists verification.yaml’s scheduled fault beside its failed verifications', () => {
    const html = renderReport(simulate(loadScenario('scenarios/library/verification.yaml')));
    expect(readingOf(html, 'Scheduled faults')).toMatch(/^vadp-surebackup: 1 scheduled fault\(s\), 1 applied, 0 missed; its verification 3\/5 passed, 2 failed\./);
    expect(textOf(html, '<table class="faults"', '</table>')).toMatch(/\nvadp-surebackup\|corrupt-block\|vm\/fs-01\|1d 06:00\|applied\|0d 22:04\|repo-01\|stored block of chunk \d+ of disk 0 at point 4 corrupted\|\n/);
    expect(textOf(html, '<table class="matrix" aria-label="Running from the backup"', '</table>')).toBe('restore kind|vadp-surebackup|\nverification|ran 2.28 min, I/O delivered 100.0%|\n');
  });
});
