/**
 * Expansion of a validated scenario into its machines: hosts with `count`,
 * fleets into VMs (names from the pattern, hosts by placement, variants in
 * turn) and physical servers with `count`. Totals are checked against the
 * limits BEFORE anything is expanded, so a hostile count costs nothing.
 * Problems are raw issues with the document path to blame.
 */
import { WORLD_DEFAULTS } from '../sim/world/world-spec.js';
import type { RawIssue } from './issues.js';
import type { Scenario } from './schema/index.js';
import { LIMITS, SCENARIO_DEFAULTS } from './schema/defaults.js';
import { NAME_RE, didYouMean } from './schema/fields.js';
import type { FleetInput, PhysicalServerInput, VariantInput } from './schema/fleets.js';
import type { HostInput } from './schema/hosts.js';

export interface ExpandedHost {
  name: string;
  /** Index in `hosts` of the entry it came from. */
  entry: number;
  spec: HostInput;
  platform: string;
}

/** A VM's fields: the fleet's, with its variant's on top. */
export type MachineFields = Omit<FleetInput, 'name' | 'count' | 'platform' | 'placement' | 'variants'>;

export interface ExpandedVm {
  name: string;
  host: string;
  fleet: number;
  variant: number | null;
  fields: MachineFields;
}

export interface ExpandedServer {
  name: string;
  entry: number;
  spec: PhysicalServerInput;
}

export interface Expansion {
  hosts: ExpandedHost[];
  vms: ExpandedVm[];
  servers: ExpandedServer[];
  issues: RawIssue[];
  /** False when a fleet or server could not be expanded: its machines are missing from `vms`/`servers`. */
  complete: boolean;
  /** False when the totals were over the limits and nothing was expanded. */
  expanded: boolean;
}

const TOKEN_RE = /\{([a-z0-9]+)(?::(\d))?\}/g;

/**
 * Fills a name pattern; unknown tokens are reported once per pattern by
 * `patternProblem` (here one stays as `{token}`). A pattern is split once
 * (`splitPattern`) and each name is then a few concatenations: a regular
 * expression replace per name was most of expanding a 1,000-VM fleet in the
 * cold code of a command's start-up.
 */
export function fillPattern(pattern: string, tokens: Readonly<Record<string, string | number>>): string {
  return fillSplit(splitPattern(pattern), tokens);
}

/** The pattern's literal text and tokens, as String.split gives them: text, token, pad, text, token, pad, ..., text. */
function splitPattern(pattern: string): readonly (string | undefined)[] {
  return pattern.split(TOKEN_RE);
}

function fillSplit(pieces: readonly (string | undefined)[], tokens: Readonly<Record<string, string | number>>): string {
  let out = pieces[0]!;
  for (let k = 1; k < pieces.length; k += 3) {
    const t = pieces[k]!;
    const pad = pieces[k + 1];
    const v = tokens[t];
    if (v === undefined) out += `{${t}}`;
    else out += typeof v === 'number' && pad !== undefined ? String(v).padStart(Number(pad), '0') : String(v);
    out += pieces[k + 2]!;
  }
  return out;
}

function patternProblem(pattern: string, known: readonly string[]): string | null {
  for (const m of pattern.matchAll(TOKEN_RE)) if (!known.includes(m[1]!)) return `unknown token {${m[1]}}${didYouMean(m[1]!, known)} (tokens: ${known.map((k) => `{${k}}`).join(', ')})`;
  const rest = pattern.replace(TOKEN_RE, 'x');
  return /[{}]/.test(rest) ? 'has an unclosed "{" or a stray "}"' : null;
}

/** The pattern, with "-{i}" appended when it has no token and names several machines. */
function withSuffix(pattern: string, count: number): string {
  return count > 1 && !pattern.includes('{') ? pattern + SCENARIO_DEFAULTS.nameSuffix : pattern;
}

function sumCounts(items: readonly { count?: number | undefined }[]): number {
  return items.reduce((n, x) => n + (x.count ?? SCENARIO_DEFAULTS.count), 0);
}

export function expandScenario(s: Scenario): Expansion {
  const issues: RawIssue[] = [];
  const out: Expansion = { hosts: [], vms: [], servers: [], issues, complete: false, expanded: false };
  const fleets = s.fleets ?? [];
  const servers = s.physicalServers ?? [];
  const tooMany = (total: number, limit: number, path: string, what: string) => {
    if (total > limit) issues.push({ code: 'too_big', path: [path], message: `makes ${total} ${what}, at most ${limit}` });
    return total > limit;
  };
  const a = tooMany(sumCounts(s.hosts), LIMITS.hosts, 'hosts', 'hosts');
  const b = tooMany(sumCounts(fleets), LIMITS.vms, 'fleets', 'VMs');
  const c = tooMany(sumCounts(servers), LIMITS.physicalServers, 'physicalServers', 'physical servers');
  if (a || b || c) return out;
  out.expanded = true;
  const platform = s.platform ?? WORLD_DEFAULTS.defaultPlatform;
  s.hosts.forEach((h, entry) => {
    for (const name of names(h.name, h.count ?? 1, ['i', 'i0'], (i) => ({ i: i + 1, i0: i }), ['hosts', entry, 'name'], issues)) {
      out.hosts.push({ name, entry, spec: h, platform: h.platform ?? platform });
    }
  });
  const hostsByName = new Map(out.hosts.map((h) => [h.name, h]));
  fleets.forEach((f, fi) => out.vms.push(...expandFleet(f, fi, out.hosts, hostsByName, issues)));
  servers.forEach((p, entry) => {
    for (const name of names(p.name, p.count ?? 1, ['i', 'i0'], (i) => ({ i: i + 1, i0: i }), ['physicalServers', entry, 'name'], issues)) out.servers.push({ name, entry, spec: p });
  });
  out.complete = issues.length === 0;
  return out;
}

function names(pattern: string, count: number, known: readonly string[], tokens: (i: number) => Record<string, string | number>, path: RawIssue['path'], issues: RawIssue[]): string[] {
  const p = withSuffix(pattern, count);
  const problem = patternProblem(p, known);
  if (problem !== null) {
    issues.push({ code: 'invalid_value', path, message: problem });
    return [];
  }
  const pieces = splitPattern(p);
  const out = Array.from({ length: count }, (_, i) => fillSplit(pieces, tokens(i)));
  const bad = out.find((n) => !NAME_RE.test(n));
  if (bad !== undefined) issues.push({ code: 'invalid_value', path, message: `makes the name ${JSON.stringify(bad)}, which is not letters, digits, ".", "_" or "-" (at most 80)` });
  return bad === undefined ? out : [];
}

const FLEET_TOKENS = ['i', 'i0', 'h', 'h0', 's', 's0', 'host', 'variant'];

function expandFleet(f: FleetInput, fi: number, hosts: readonly ExpandedHost[], byName: ReadonlyMap<string, ExpandedHost>, issues: RawIssue[]): ExpandedVm[] {
  const count = f.count ?? SCENARIO_DEFAULTS.count;
  const candidates = placementHosts(f, fi, hosts, byName, issues);
  if (candidates === null) return [];
  const mode = f.placement?.mode ?? SCENARIO_DEFAULTS.placement;
  const H = candidates.length;
  const perHost = mode === 'fill' ? (f.placement?.perHost ?? Math.ceil(count / H)) : 0;
  if (mode === 'fill' && perHost * H < count) {
    issues.push({ code: 'too_big', path: ['fleets', fi, 'placement', 'perHost'], message: `${perHost} per host on ${H} hosts holds ${perHost * H} VMs, not ${count}` });
    return [];
  }
  const variants: readonly VariantInput[] = f.variants ?? [];
  const place = (i: number) => (mode === 'fill' ? { h: Math.floor(i / perHost), s: i % perHost } : { h: i % H, s: Math.floor(i / H) });
  const tokens = (i: number) => {
    const { h, s } = place(i);
    const v = variants.length > 0 ? variants[i % variants.length]!.name : '';
    return { i: i + 1, i0: i, h: h + 1, h0: h, s: s + 1, s0: s, host: candidates[h]!.name, variant: v };
  };
  const vmNames = names(f.name, count, variants.length > 0 ? FLEET_TOKENS : FLEET_TOKENS.filter((t) => t !== 'variant'), tokens, ['fleets', fi, 'name'], issues);
  const { name: _n, count: _c, platform: _p, placement: _pl, variants: _v, ...base } = f;
  // One fields object per variant, shared by its VMs (as `base` is by the VMs of a fleet without variants).
  const variantFields = variants.map((v): MachineFields => ({ ...base, ...definedFields(v) }));
  return vmNames.map((name, i) => {
    const vi = variants.length > 0 ? i % variants.length : null;
    const fields = vi === null ? base : variantFields[vi]!;
    return { name, host: candidates[place(i).h]!.name, fleet: fi, variant: vi, fields };
  });
}

function definedFields(v: VariantInput): Partial<MachineFields> {
  const { name: _n, ...rest } = v;
  return Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined)) as Partial<MachineFields>;
}

/** The hosts a fleet may use; `byName` indexes `hosts` (built once for all fleets). */
function placementHosts(f: FleetInput, fi: number, hosts: readonly ExpandedHost[], byName: ReadonlyMap<string, ExpandedHost>, issues: RawIssue[]): readonly ExpandedHost[] | null {
  let list: readonly ExpandedHost[] = hosts;
  if (f.placement?.hosts !== undefined) {
    const named: ExpandedHost[] = [];
    list = named;
    f.placement.hosts.forEach((n, k) => {
      const h = byName.get(n);
      if (h === undefined) issues.push({ code: 'unknown_reference', path: ['fleets', fi, 'placement', 'hosts', k], message: `no host ${JSON.stringify(n)}${didYouMean(n, [...byName.keys()])}` });
      else if (f.platform !== undefined && h.platform !== f.platform) issues.push({ code: 'conflict', path: ['fleets', fi, 'placement', 'hosts', k], message: `host ${n} runs ${h.platform}, not the fleet's ${f.platform}` });
      else named.push(h);
    });
    if (list.length < f.placement.hosts.length) return null;
  } else if (f.platform !== undefined) {
    list = hosts.filter((h) => h.platform === f.platform);
  }
  if (list.length === 0) {
    issues.push({ code: 'unknown_reference', path: ['fleets', fi, f.platform !== undefined ? 'platform' : 'name'], message: f.platform !== undefined ? `no host runs ${f.platform}` : 'there is no host to place the fleet on' });
    return null;
  }
  return list;
}
