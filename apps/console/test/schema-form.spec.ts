import { z } from 'zod';
import { fieldsFromSchema, initialValues, labelFor, settingsFromValues, type JsonSchema } from '../src/schema-form.js';

/** The schemas as the API sends them: zod's JSON Schema of a connector's settings, as input. */
function jsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

describe('console form from a connector settings schema', () => {
  const csvLike = z.strictObject({
    delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
    encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8'),
    currency: z.string().optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}$/)
      .optional(),
  });

  it('makes a select for each enum with its default, and optional text fields', () => {
    const fields = fieldsFromSchema(jsonSchema(csvLike));
    expect(fields.map((field) => [field.name, field.kind, field.required, field.defaultValue])).toEqual([
      ['delimiter', 'select', false, 'auto'],
      ['encoding', 'select', false, 'utf-8'],
      ['currency', 'text', false, ''],
      ['language', 'text', false, ''],
    ]);
    expect(fields[0]!.options).toEqual(['auto', ',', ';', '\t', '|']);
    expect(fields[0]!.label).toBe('Delimiter');
  });

  it('turns values into settings: empty optional fields left out, checked against the schema', () => {
    const fields = fieldsFromSchema(jsonSchema(csvLike));
    const values = { ...initialValues(fields), currency: ' EUR ', language: '' };
    const result = settingsFromValues(fields, values);
    expect(result.errors).toEqual({});
    expect(result.settings).toEqual({ delimiter: 'auto', encoding: 'utf-8', currency: 'EUR' });
    expect(csvLike.parse(result.settings)).toBeTruthy();
    expect(settingsFromValues(fields, { ...values, language: 'English' }).errors).toEqual({
      language: 'Language must match the pattern ^[a-z]{2}$.',
    });
    expect(settingsFromValues(fields, { ...values, delimiter: 'x' }).errors.delimiter).toMatch(/must be one of/);
  });

  it('asks for required fields and reads numbers, booleans and lists', () => {
    const schema = z.object({
      source: z.enum(['url', 'upload']),
      url: z.string().optional(),
      pageSize: z.number().int().min(1).max(250).default(50),
      includeDrafts: z.boolean().default(false),
      tags: z.array(z.string()).optional(),
      shopDomain: z.string(),
    });
    const fields = fieldsFromSchema(jsonSchema(schema));
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['source', 'select', true],
      ['url', 'text', false],
      ['pageSize', 'integer', false],
      ['includeDrafts', 'checkbox', false],
      ['tags', 'list', false],
      ['shopDomain', 'text', true],
    ]);
    expect(labelFor('shopDomain')).toBe('Shop domain');
    const empty = settingsFromValues(fields, initialValues(fields));
    expect(empty.errors).toEqual({ source: 'Source is required.', shopDomain: 'Shop domain is required.' });
    const filled = settingsFromValues(fields, {
      ...initialValues(fields),
      source: 'url',
      shopDomain: 'demo.example',
      pageSize: '100',
      includeDrafts: true,
      tags: 'a, b,',
    });
    expect(filled.errors).toEqual({});
    expect(filled.settings).toEqual({
      source: 'url',
      shopDomain: 'demo.example',
      pageSize: 100,
      includeDrafts: true,
      tags: ['a', 'b'],
    });
    expect(schema.parse(filled.settings)).toEqual(filled.settings);
    expect(
      settingsFromValues(fields, { ...initialValues(fields), source: 'url', shopDomain: 'x', pageSize: '2.5' }).errors
        .pageSize,
    ).toBe('Page size must be a whole number.');
    expect(
      settingsFromValues(fields, { ...initialValues(fields), source: 'url', shopDomain: 'x', pageSize: '999' }).errors
        .pageSize,
    ).toBe('Page size must be at most 250.');
  });

  it('merges the variants of a union into one form', () => {
    const schema = z.union([
      z.object({ source: z.literal('url'), url: z.string() }),
      z.object({ source: z.literal('upload') }),
    ]);
    const fields = fieldsFromSchema(jsonSchema(schema));
    expect(fields.map((field) => [field.name, field.kind, field.required, field.options])).toEqual([
      ['source', 'select', true, ['url', 'upload']],
      ['url', 'text', false, []],
    ]);
  });

  it('has no fields for no schema', () => {
    expect(fieldsFromSchema(undefined)).toEqual([]);
    expect(fieldsFromSchema(jsonSchema(z.object({})))).toEqual([]);
  });
});
