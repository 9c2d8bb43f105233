/**
 * Reading a scenario file: bytes -> UTF-8 text (fatal on bad bytes) -> YAML
 * document (JSON is YAML too; aliases bounded, duplicate keys refused) ->
 * schema (scenarios/schema) -> references (scenarios/references.ts) -> each
 * `vary` value tried. Every problem found is returned at once, each with
 * its line and column; nothing here throws on bad input.
 *
 * The text is first read the fast way (yaml-fast.ts: js-yaml, declining
 * whatever it cannot read exactly as the `yaml` package does); a valid
 * scenario read that way is done. Anything else (a decline, a YAML error,
 * a scenario with issues) is read again with the `yaml` package, whose
 * Document gives the issues their positions: the issues are the same
 * either way, only valid files are faster.
 *
 *     const r = loadScenarioFile('scenarios/library/default.yaml');
 *     if (!r.ok) console.error(formatIssues(r.issues));
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, type Document, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';
import { fromZod, sortIssues, type RawIssue, type ScenarioIssue } from './issues.js';
import { locate } from './locate.js';
import { scenarioSchema, type Scenario } from './schema/index.js';
import { LIMITS } from './schema/defaults.js';
import { applyVary, formatPath, parseVaryKey, pathProblem } from './schema/vary.js';
import { expandScenario, type Expansion } from './expand.js';
import { checkReferences } from './references.js';
import { decodeUtf8 } from './utf8.js';
import { loadFast } from './yaml-fast.js';
import { firstLine, syntaxIssues } from './yaml-syntax.js';

/** `document`: the parsed document, for applyVary; `expansion`: the scenario's machines, for compileScenario (so it does not expand them again). */
export type LoadResult = { ok: true; scenario: Scenario; document: unknown; expansion: Expansion } | { ok: false; issues: ScenarioIssue[] };

/** Reads and validates a scenario file; the file name in issues is the path as given. */
export function loadScenarioFile(path: string): LoadResult {
  try {
    const size = statSync(path).size;
    if (size > LIMITS.fileBytes) return fail(path, 'file_too_large', `the file has ${size} bytes, at most ${LIMITS.fileBytes}`);
    return parseScenarioText(readFileSync(path), path);
  } catch (e) {
    return fail(path, 'unreadable', `cannot read the file: ${(e as Error).message}`);
  }
}

/** Validates scenario text (or bytes, decoded as UTF-8); `fileName` is used in issues. */
export function parseScenarioText(input: string | Uint8Array, fileName: string): LoadResult {
  const file = fileName;
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return { ok: false, issues: [{ code: 'not_utf8', file, line: decoded.line, column: decoded.column, path: [], message: `the file is not UTF-8: byte 0x${decoded.byte.toString(16).padStart(2, '0')} at offset ${decoded.offset} cannot start or continue a character` }] };
    text = decoded.text;
  }
  if (text.length > LIMITS.fileBytes) return fail(file, 'file_too_large', `the text has ${text.length} characters, at most ${LIMITS.fileBytes}`);
  const fast = loadFast(text, LIMITS.depth);
  if (fast.ok) {
    const result = validateDocument(fast.data);
    if (result.ok && checkVaryValues(fast.data, result.scenario).length === 0) return { ok: true, scenario: result.scenario, document: fast.data, expansion: result.expansion };
  }
  return parseWithYaml(text, file);
}

/** The text read with the `yaml` package: the issues of a file that is not a valid scenario, with their positions. */
function parseWithYaml(text: string, file: string): LoadResult {
  let doc: Document.Parsed;
  let data: unknown;
  try {
    doc = parseDocument(text, YAML_OPTIONS);
    if (doc.errors.length > 0) {
      const lines = lineCounter(text);
      return { ok: false, issues: sortIssues(syntaxIssues(doc.errors, text, lines).map((e) => ({ code: 'yaml_syntax', file, ...position(lines, e.offset), path: [], message: e.message }))) };
    }
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (e) {
    // The yaml package throws on alias expansion beyond maxAliasCount and on documents too deep for the stack.
    if (e instanceof ReferenceError && /alias/i.test(e.message)) return fail(file, 'yaml_aliases', `YAML aliases expand too far (at most ${LIMITS.yamlAliases} alias uses): ${firstLine(e.message)}`);
    return fail(file, 'yaml_syntax', yamlMessage((e as Error).message));
  }
  if (data === null || data === undefined) return fail(file, 'empty', 'the file holds no scenario (it is empty)');
  const depth = depthOf(data, 0);
  if (depth > LIMITS.depth) return fail(file, 'too_deep', `the document is nested more than ${LIMITS.depth} levels deep`);
  const result = validateDocument(data);
  let lines: LineCounter | undefined;
  const place = (r: RawIssue): ScenarioIssue => ({ code: r.code, file, path: r.path, message: r.message, ...locate(doc, (lines ??= lineCounter(text)), r.path, r.at) });
  if (!result.ok) return { ok: false, issues: sortIssues(result.issues.map(place)) };
  const varyIssues = checkVaryValues(data, result.scenario);
  if (varyIssues.length > 0) return { ok: false, issues: sortIssues(varyIssues.map(place)) };
  return { ok: true, scenario: result.scenario, document: data, expansion: result.expansion };
}

export type ValidateResult = { ok: true; scenario: Scenario; expansion: Expansion } | { ok: false; issues: RawIssue[] };

/**
 * Whether the schema has parsed a document in this process. zod compiles a
 * parser for each object schema (new Function) on its first parse unless
 * told not to: that pays off over later parses (warm, the schema's part of
 * a 1,000-VM check takes about half as long with it), not on the one parse
 * of a command's start-up. So the first document is parsed without it.
 */
let schemaUsed = false;

/** Schema and references of a parsed document (no positions: the caller has the source). */
export function validateDocument(data: unknown): ValidateResult {
  const parsed = scenarioSchema.safeParse(data, { reportInput: true, jitless: !schemaUsed });
  schemaUsed = true;
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error.issues) };
  const x = expandScenario(parsed.data);
  const issues = x.expanded ? [...x.issues, ...checkReferences(parsed.data, x)] : x.issues;
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenario: parsed.data, expansion: x };
}

/** Each vary path must exist and each value must give a valid scenario on its own. */
function checkVaryValues(document: unknown, s: Scenario): RawIssue[] {
  const issues: RawIssue[] = [];
  for (const axis of s.vary ?? []) {
    const steps = parseVaryKey(axis.key);
    const problem = typeof steps === 'string' ? steps : pathProblem(document, steps);
    if (problem !== null) {
      issues.push({ code: 'unknown_reference', path: ['vary', axis.key], message: problem, at: 'key' });
      continue;
    }
    axis.values.forEach((value, i) => {
      const r = validateDocument(applyVary(document, { [axis.key]: value }));
      if (!r.ok) {
        const first = r.issues[0]!;
        const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : '';
        issues.push({ code: 'invalid_vary_value', path: ['vary', axis.key, i], message: `with this value, ${formatPath(first.path) || 'the scenario'}: ${first.message}${more}` });
      }
    });
  }
  return issues;
}

/** JSON is YAML too; aliases are bounded at toJS, duplicate keys refused, no merge keys. */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { uniqueKeys: true, prettyErrors: false, merge: false, version: '1.2' };

/**
 * Where each line starts, for the positions of issues: counted only when a
 * file has issues (most files have none), by parsing it again the same way
 * with a LineCounter, so the positions are the parser's own.
 */
function lineCounter(text: string): LineCounter {
  const lines = new LineCounter();
  parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines });
  return lines;
}

function fail(file: string, code: string, message: string): LoadResult {
  return { ok: false, issues: [{ code, file, line: 1, column: 1, path: [], message }] };
}

function position(lc: LineCounter, offset: number): { line: number; column: number } {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

function yamlMessage(s: string): string {
  return /call stack/i.test(s) ? `the document is nested too deeply (at most ${LIMITS.depth} levels)` : firstLine(s);
}

function depthOf(v: unknown, d: number): number {
  if (v === null || typeof v !== 'object' || d > LIMITS.depth) return d;
  let max = d;
  for (const x of Object.values(v)) max = Math.max(max, depthOf(x, d + 1));
  return max;
}
