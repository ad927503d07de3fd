/**
 * Message templates the WhatsApp Business Account has approved. A name alone allows the template in
 * any language with any parameters; a body with `{{1}}`-style placeholders also fixes how many body
 * parameters a send must give (132000 otherwise) and lets the simulator show the text.
 */
export interface TemplateDefinition {
  readonly name: string;
  /** Language codes it is approved in, e.g. ['en_US', 'nl']; default: any. */
  readonly languages?: readonly string[];
  readonly header?: string;
  readonly body?: string;
  readonly footer?: string;
  /** The category that status callbacks report for its conversations; default utility. */
  readonly category?: 'utility' | 'marketing' | 'authentication';
}

export type TemplateOption = string | TemplateDefinition;

export function templateDefinitions(
  options: readonly TemplateOption[] | undefined,
): Map<string, TemplateDefinition> | null {
  if (options === undefined) return null;
  return new Map(
    options
      .map((option) => (typeof option === 'string' ? { name: option } : option))
      .map((definition) => [definition.name, definition]),
  );
}

/** The distinct `{{n}}` placeholders of a template text. */
export function placeholderCount(text: string | undefined): number {
  return new Set([...(text ?? '').matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((match) => match[1])).size;
}

interface SentComponent {
  readonly type?: unknown;
  readonly parameters?: readonly { readonly type?: unknown; readonly text?: unknown; readonly payload?: unknown }[];
}

/**
 * What the phone shows for a sent template: its texts with the parameters filled in, or its name and parameters when
 * the text is not known.
 */
export function templateText(
  definition: TemplateDefinition | undefined,
  name: string,
  components: readonly SentComponent[] | undefined,
): string {
  const parameters = (type: string) =>
    (components ?? [])
      .filter((component) => component.type === type)
      .flatMap((component) => component.parameters ?? [])
      .map((parameter) =>
        typeof parameter.text === 'string'
          ? parameter.text
          : typeof parameter.payload === 'string'
            ? parameter.payload
            : `[${String(parameter.type)}]`,
      );
  const fill = (text: string | undefined, values: string[]) =>
    text?.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => values[Number(n) - 1] ?? whole);
  if (definition?.body === undefined) {
    const values = [...parameters('header'), ...parameters('body')];
    return values.length > 0 ? `${name}: ${values.join(', ')}` : name;
  }
  return [fill(definition.header, parameters('header')), fill(definition.body, parameters('body')), definition.footer]
    .filter((part) => part !== undefined && part !== '')
    .join('\n\n');
}
