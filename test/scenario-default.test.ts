import { describe, expect, it } from 'vitest';
import { runDefault } from '../scenarios/run-default.js';
import type { DesignResult } from '../strategies/results.js';

describe('the built-in default scenario', () => {
  const results = runDefault(1);
  const by = (name: string): DesignResult => results.find((r) => r.design === name)!;
  const agents = by('agents-22h');
  const proxy = by('proxy-vadp-cbt');
  const cdp = by('near-cdp-15min');
  const rto = (r: DesignResult, kind: string): number => r.restores.find((x) => x.kind === kind)!.serviceSec.mean;

  it('slows production far more with agents all starting at 22:00 than with central proxy backups (claims 1 and 2)', () => {
    expect(agents.impact.duringBackup.latencyInflationP95).toBeGreaterThan(5 * proxy.impact.duringBackup.latencyInflationP95);
    expect(agents.cpuCycles.guest).toBeGreaterThan(proxy.cpuCycles.guest);
  });

  it('reaches a recovery point objective of minutes with near-CDP, against a day for nightly backups (claim 3)', () => {
    expect(cdp.recoveryPoints.rpoMaxGapSec!).toBeLessThan(3600);
    expect(proxy.recoveryPoints.rpoMaxGapSec!).toBeGreaterThan(20 * 3600);
  });

  it('restores near-CDP machines as of the newest synchronisation, minutes before the request, and nightly designs as of the night before', () => {
    for (const d of cdp.drills!.filter((x) => x.state === 'done')) {
      expect(d.requestedSec - d.pointSec!).toBeLessThan(20 * 60);
      expect(d.notes).toContain('read from the journal of vm/sql-11 on repo-01');
    }
    expect(cdp.drills!.filter((x) => x.state === 'done').map((x) => x.kind)).toEqual(['vm', 'file']);
    for (const d of proxy.drills!) expect(d.requestedSec - d.pointSec!).toBeGreaterThan(10 * 3600);
  });

  it('sends fewer bytes over the network with proxy source dedupe than agents do (claim 5)', () => {
    expect(proxy.bytes.sent).toBeLessThan(agents.bytes.sent);
  });

  it('brings service back sooner with instant recovery than with a full restore (claim 8)', () => {
    expect(rto(proxy, 'instant-recovery')).toBeLessThan(rto(proxy, 'vm'));
  });

  it('leaves the physical server to the agent and says why the proxy cannot protect it (claim 11)', () => {
    expect(proxy.unprotected.map((u) => u.machine)).toEqual(['physical/erp-db']);
    expect(proxy.unprotected[0]!.reason).toMatch(/no image snapshot API/);
    expect(agents.unprotected).toEqual([]);
  });

  it('gives identical results for the same seed', () => {
    expect(runDefault(1)).toEqual(results);
  });
});
