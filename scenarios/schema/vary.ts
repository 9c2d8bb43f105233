/**
 * Sweeps: `vary` maps a dotted path into the scenario document
 * (`designs[1].options.dedupe`, `fleets[0].count`) to the values it takes.
 * The grid is every combination, in row-major order of the keys as written.
 * A key must name a place in the document: list items must exist, mappings
 * it passes through are created when the document leaves them out; each value is checked at load time by
 * validating the scenario with it applied.
 */
import * as z from 'zod';
import { LIMITS } from './defaults.js';
import { show } from './units.js';

export type VaryValue = string | number | boolean;
export type PathStep = string | number;
export interface VaryAxis {
  key: string;
  values: VaryValue[];
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** `designs[1].options.dedupe` -> ['designs', 1, 'options', 'dedupe'], or a message. */
export function parseVaryKey(key: string): PathStep[] | string {
  const steps: PathStep[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_-]*)((?:\[\d{1,6}\])*)(\.|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < key.length && (m = re.exec(key)) !== null) {
    if (FORBIDDEN.has(m[1]!)) return `may not use ${JSON.stringify(m[1])}`;
    steps.push(m[1]!, ...[...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])));
    if (m[3] === '' && re.lastIndex < key.length) break;
  }
  if (steps.length === 0 || re.lastIndex !== key.length || key.endsWith('.')) return `must be a path like "designs[1].options.dedupe", got ${show(key)}`;
  if (steps[0] === 'vary') return 'may not vary the vary block';
  return steps;
}

const isScalar = (v: unknown): v is VaryValue => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

export const varySchema = z
  .unknown()
  .transform((v, ctx): VaryAxis[] => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      ctx.issues.push({ code: 'custom', message: `must be a mapping of paths to lists of values, got ${show(v)}`, input: v });
      return [];
    }
    const entries = Object.entries(v);
    if (entries.length > LIMITS.varyKeys) ctx.issues.push({ code: 'custom', message: `must vary at most ${LIMITS.varyKeys} keys, got ${entries.length}`, input: v });
    const axes: VaryAxis[] = [];
    let points = 1;
    for (const [key, values] of entries) {
      const steps = parseVaryKey(key);
      if (typeof steps === 'string') ctx.issues.push({ code: 'custom', message: steps, input: key, path: [key], params: { at: 'key' } });
      if (!Array.isArray(values) || values.length === 0 || values.length > LIMITS.varyValues) {
        ctx.issues.push({ code: 'custom', message: `must be a list of 1 to ${LIMITS.varyValues} values, got ${show(values)}`, input: values, path: [key] });
        continue;
      }
      values.forEach((x, i) => {
        if (!isScalar(x)) ctx.issues.push({ code: 'custom', message: `must be a text, number or true/false, got ${show(x)}`, input: x, path: [key, i] });
      });
      points *= values.length;
      axes.push({ key, values: values.filter(isScalar) });
    }
    if (points > LIMITS.varyPoints) ctx.issues.push({ code: 'custom', message: `makes ${points} grid points, at most ${LIMITS.varyPoints}`, input: v });
    return axes;
  })
  .meta({ type: 'object', additionalProperties: { type: 'array', items: { type: ['string', 'number', 'boolean'] }, minItems: 1, maxItems: LIMITS.varyValues }, description: 'sweep: path -> values' });

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';

/** Where a path cannot be set in this document, or null. Missing mappings on the way are created; list items must exist. */
export function pathProblem(document: unknown, steps: readonly PathStep[]): string | null {
  let at: unknown = document;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (at === undefined) {
      if (typeof s === 'number') return `${formatPath(steps.slice(0, i))} does not exist`;
      continue;
    }
    if (typeof s === 'number') {
      if (!Array.isArray(at)) return `${formatPath(steps.slice(0, i))} is not a list`;
      if (s >= at.length) return `${formatPath(steps.slice(0, i + 1))} does not exist (the list has ${at.length})`;
    } else if (!isContainer(at) || Array.isArray(at)) return `${formatPath(steps.slice(0, i)) || 'the scenario'} is not a mapping`;
    at = Object.prototype.hasOwnProperty.call(at, s) ? (at as Record<string, unknown>)[s as string] : undefined;
  }
  return null;
}

/** A copy of the document with each path set to its value; the original is untouched. Paths must exist (checked at load). */
export function applyVary(document: unknown, assignment: Readonly<Record<string, VaryValue>>): unknown {
  let out = document;
  for (const [key, value] of Object.entries(assignment)) {
    const steps = parseVaryKey(key);
    if (typeof steps === 'string') throw new Error(`vary key ${key}: ${steps}`);
    const problem = pathProblem(out, steps);
    if (problem !== null) throw new Error(`vary key ${key}: ${problem}`);
    out = setIn(out, steps, value);
  }
  return out;
}

function setIn(at: unknown, steps: readonly PathStep[], value: unknown): unknown {
  if (steps.length === 0) return value;
  const [s, ...rest] = steps;
  if (Array.isArray(at)) {
    const copy = at.slice();
    copy[s as number] = setIn(at[s as number], rest, value);
    return copy;
  }
  const from = (at ?? {}) as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...from };
  const inner = Object.prototype.hasOwnProperty.call(from, s as string) ? from[s as string] : undefined;
  Object.defineProperty(copy, s as string, { value: setIn(inner, rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Every grid point, row-major in the order of the axes. */
export function varyGrid(axes: readonly VaryAxis[]): Record<string, VaryValue>[] {
  let points: Record<string, VaryValue>[] = [{}];
  for (const a of axes) points = points.flatMap((p) => a.values.map((v) => ({ ...p, [a.key]: v })));
  return points;
}

export function formatPath(path: readonly PathStep[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
