/** The parts of an OpenAPI 3 document that the generated request tests read. */
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components?: { readonly schemas?: Record<string, Schema> };
}

export interface OpenApiOperation {
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema?: Schema }> };
  readonly responses?: Record<string, { readonly content?: Record<string, { readonly schema?: Schema }> }>;
}

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: Schema;
}

export interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly items?: Schema;
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly nullable?: boolean;
  readonly example?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly additionalProperties?: boolean | Schema;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of the document as method, path template and operation object. */
export function operationsOf(
  document: OpenApiDocument,
): { method: string; path: string; operation: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      method: method.toUpperCase(),
      path,
      operation: item[method]!,
    })),
  );
}

/** The schema itself, or the component a `$ref` points to. */
export function resolveSchema(document: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema?.$ref) return schema ?? {};
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  if (!target) throw new Error(`The document has no schema ${name}`);
  return resolveSchema(document, target);
}

/**
 * The places under `schema` where a generated client gets an object it can put nothing in: `type: object` with
 * neither properties nor additionalProperties (openapi-typescript makes it `Record<string, never>`).
 */
export function closedEmptyObjects(document: OpenApiDocument, schema: Schema | undefined, at = 'body'): string[] {
  const seen = new Set<Schema>();
  const visit = (node: Schema | undefined, where: string): string[] => {
    const target = resolveSchema(document, node);
    if (seen.has(target)) return [];
    seen.add(target);
    const own =
      target.type === 'object' && !target.properties && target.additionalProperties === undefined ? [where] : [];
    const inner = Object.entries(target.properties ?? {}).flatMap(([name, property]) =>
      visit(property, `${where}.${name}`),
    );
    return [...own, ...inner, ...(target.items ? visit(target.items, `${where}[]`) : [])];
  };
  return visit(schema, at);
}
