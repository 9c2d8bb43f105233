/**
 * The JSON Schema of scenario files (what a file may hold, before units are
 * converted), from the zod schema with `z.toJSONSchema`. `npm run schema`
 * writes it to scenarios/scenario.schema.json, with scenarios/DEFAULTS.md;
 * test/scenario-schema-files.test.ts fails when either is out of date.
 */
import * as z from 'zod';
import { scenarioSchema } from './index.js';
import { defaultsMarkdown } from './defaults.js';

export const JSON_SCHEMA_PATH = 'scenarios/scenario.schema.json';
export const DEFAULTS_DOC_PATH = 'scenarios/DEFAULTS.md';

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'vmbsim scenario' }, null, 2)}\n`;
}

export function generatedFiles(): { path: string; text: string }[] {
  return [
    { path: JSON_SCHEMA_PATH, text: scenarioJsonSchema() },
    { path: DEFAULTS_DOC_PATH, text: defaultsMarkdown() },
  ];
}
