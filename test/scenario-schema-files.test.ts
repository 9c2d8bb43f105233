import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { generatedFiles } from '../scenarios/schema/json-schema.js';

describe('generated scenario files', () => {
  // The committed JSON Schema and defaults page come from the zod schema and the defaults module; `npm run schema` rewrites them.
  for (const f of generatedFiles()) {
    test(`${f.path} is up to date (run \`npm run schema\`)`, () => {
      expect(readFileSync(f.path, 'utf8')).toBe(f.text);
    });
  }

  test('the JSON Schema refuses unknown top-level keys and requires the essentials', () => {
    const schema = JSON.parse(generatedFiles()[0]!.text) as { additionalProperties: boolean; required: string[] };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'hosts', 'datastores', 'designs']);
  });
});
