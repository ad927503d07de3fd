/**
 * Turns a connector's settings JSON Schema (draft 2020-12, as zod writes it) into form fields, and
 * the form's values back into the settings object the API takes. Pure: the form component renders
 * the fields, this decides what they are.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  title?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
};

export type FieldKind = 'text' | 'select' | 'number' | 'integer' | 'checkbox' | 'list';

export interface SchemaField {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly options: readonly string[];
  readonly defaultValue: string | boolean;
  readonly description?: string;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** Values as a form holds them: text for inputs and selects, booleans for checkboxes. */
export type FormValues = Record<string, string | boolean>;

/** "bearerToken" → "Bearer token", "image_link" → "Image link". */
export function labelFor(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.flatMap(typesOf);
  if (schema.enum) return [...new Set(schema.enum.map((value) => typeof value))];
  if (schema.const !== undefined) return [typeof schema.const];
  return [];
}

function enumOf(schema: JsonSchema): unknown[] | undefined {
  if (schema.enum) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const values = variants.map(enumOf);
    if (values.every((value) => value !== undefined)) return values.flat();
  }
  return undefined;
}

/**
 * One object schema from unions and intersections of objects: properties merged, required kept where every variant
 * needs it.
 */
function flattenObject(schema: JsonSchema): { properties: Record<string, JsonSchema>; required: Set<string> } {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.some((variant) => variant.properties)) {
    const flattened = variants.filter((variant) => variant.properties).map(flattenObject);
    const properties: Record<string, JsonSchema> = {};
    for (const { properties: own } of flattened) {
      for (const [name, property] of Object.entries(own)) {
        const seen = properties[name];
        const values = [...(enumOf(seen ?? {}) ?? []), ...(enumOf(property) ?? [])];
        properties[name] =
          seen && values.length ? { ...seen, enum: [...new Set(values)], const: undefined } : (seen ?? property);
      }
    }
    const required = new Set(
      [...flattened[0]!.required].filter((name) => flattened.every((variant) => variant.required.has(name))),
    );
    return { properties, required };
  }
  const properties: Record<string, JsonSchema> = { ...(schema.properties ?? {}) };
  const required = new Set(schema.required ?? []);
  for (const part of schema.allOf ?? []) {
    const inner = flattenObject(part);
    Object.assign(properties, inner.properties);
    inner.required.forEach((name) => required.add(name));
  }
  return { properties, required };
}

/** The fields of a settings schema, in the schema's order. */
export function fieldsFromSchema(schema: JsonSchema | null | undefined): SchemaField[] {
  if (!schema) return [];
  const { properties, required } = flattenObject(schema);
  return Object.entries(properties).map(([name, property]) => {
    const types = typesOf(property).filter((type) => type !== 'null');
    const values = enumOf(property);
    let kind: FieldKind = 'text';
    if (values && values.every((value) => typeof value === 'string')) kind = 'select';
    else if (types.includes('boolean')) kind = 'checkbox';
    else if (types.includes('integer')) kind = 'integer';
    else if (types.includes('number')) kind = 'number';
    else if (types.includes('array')) kind = 'list';
    const hasDefault = property.default !== undefined;
    const defaultValue: string | boolean =
      kind === 'checkbox'
        ? property.default === true
        : hasDefault
          ? Array.isArray(property.default)
            ? property.default.join(', ')
            : String(property.default)
          : '';
    return {
      name,
      label: property.title ?? labelFor(name),
      kind,
      // A property with a default may be left out: the connector fills it in.
      required: required.has(name) && !hasDefault,
      options: kind === 'select' ? (values as string[]) : [],
      defaultValue,
      description: property.description,
      pattern: property.pattern,
      minimum: property.minimum,
      maximum: property.maximum,
    };
  });
}

export function initialValues(fields: readonly SchemaField[]): FormValues {
  return Object.fromEntries(fields.map((field) => [field.name, field.defaultValue]));
}

export interface SettingsResult {
  readonly settings: Record<string, unknown>;
  /** Field name → what is wrong, in words for the person filling in the form. */
  readonly errors: Record<string, string>;
}

/** The settings object for the API: empty optional fields left out, numbers as numbers, lists split on commas. */
export function settingsFromValues(fields: readonly SchemaField[], values: FormValues): SettingsResult {
  const settings: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (field.kind === 'checkbox') {
      if (raw === true || raw === false) settings[field.name] = raw;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (field.required) errors[field.name] = `${field.label} is required.`;
      continue;
    }
    if (field.kind === 'number' || field.kind === 'integer') {
      const pattern = field.kind === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
      if (!pattern.test(text)) {
        errors[field.name] = `${field.label} must be ${field.kind === 'integer' ? 'a whole number' : 'a number'}.`;
        continue;
      }
      const value = Number(text);
      if (field.minimum !== undefined && value < field.minimum)
        errors[field.name] = `${field.label} must be at least ${field.minimum}.`;
      else if (field.maximum !== undefined && value > field.maximum)
        errors[field.name] = `${field.label} must be at most ${field.maximum}.`;
      else settings[field.name] = value;
      continue;
    }
    if (field.kind === 'select' && !field.options.includes(text)) {
      errors[field.name] = `${field.label} must be one of ${field.options.join(', ')}.`;
      continue;
    }
    if (field.kind === 'list') {
      settings[field.name] = text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      continue;
    }
    if (field.pattern && !new RegExp(field.pattern).test(text)) {
      errors[field.name] = `${field.label} must match the pattern ${field.pattern}.`;
      continue;
    }
    settings[field.name] = text;
  }
  return { settings, errors };
}
