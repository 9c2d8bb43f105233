/**
 * Scenario issues as data (STYLE.md principle 8): a code, the file, a
 * position, the path into the document and a message a person can act on,
 * formatted `file:line:column path: message`, e.g.
 * `dense.yaml:14:9 hosts[2].datastores[0].iops: must be a positive number, got "fast"`.
 */
import type * as z from 'zod';
import { formatPath, type PathStep } from './schema/vary.js';

export interface ScenarioIssue {
  /** unknown_key, invalid_value, invalid_type, missing, unknown_reference, duplicate_name, too_big, yaml_syntax, not_utf8, ... */
  code: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  path: PathStep[];
  message: string;
}

/** An issue before it has a position: `at: 'key'` points at the key of the last step rather than its value. */
export interface RawIssue {
  code: string;
  path: PathStep[];
  message: string;
  at?: 'key' | 'value';
}

export function formatIssue(i: ScenarioIssue): string {
  const where = `${i.file}:${i.line}:${i.column}`;
  return i.path.length === 0 ? `${where}: ${i.message}` : `${where} ${formatPath(i.path)}: ${i.message}`;
}

export function formatIssues(issues: readonly ScenarioIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

type ZodIssue = z.core.$ZodIssue;

/** Zod issues -> raw issues: unknown keys split one per key, unions narrowed to the branch that accepted the value's shape. */
export function fromZod(issues: readonly ZodIssue[], prefix: readonly PathStep[] = []): RawIssue[] {
  const out: RawIssue[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...(iss.path as PathStep[])];
    if (iss.code === 'unrecognized_keys') {
      const lines = iss.message.split('\n');
      iss.keys.forEach((k, i) => out.push({ code: 'unknown_key', path: [...path, k], message: lines[i] ?? `unknown key ${JSON.stringify(k)}`, at: 'key' }));
    } else if (iss.code === 'invalid_union' && iss.errors.length > 0) {
      const branch = iss.errors.find((errs) => errs.every((e) => e.path.length > 0 || e.code === 'unrecognized_keys'));
      if (branch !== undefined) out.push(...fromZod(branch, path));
      else out.push({ code: 'invalid_value', path, message: iss.message });
    } else if (iss.code === 'custom') {
      const params = (iss.params ?? {}) as { code?: string; at?: 'key' };
      out.push({ code: params.code ?? 'invalid_value', path, message: iss.message, ...(params.at === undefined ? {} : { at: params.at }) });
    } else {
      out.push({ code: iss.code === 'invalid_union' ? 'invalid_value' : iss.code, path, message: iss.message });
    }
  }
  return out;
}

/** Issues in a stable order: by position, then path, then message. */
export function sortIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  const key = (i: ScenarioIssue) => formatPath(i.path);
  return issues.sort((a, b) => a.line - b.line || a.column - b.column || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}
