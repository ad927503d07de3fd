import { GraphError } from '../graph-errors.js';
import { placeholderCount, type TemplateDefinition } from '../templates.js';
import { checkMedia } from './media-validation.js';
import {
  arrayEntry,
  child,
  invalid,
  missing,
  oneOf,
  onlyKeys,
  optionalText,
  requiredArray,
  requiredObject,
  requiredText,
  type Fields,
} from './validation-kit.js';

const PATH = 'template';
const COMPONENT_TYPES = ['header', 'body', 'footer', 'button'] as const;
const BUTTON_SUB_TYPES = ['quick_reply', 'url', 'copy_code', 'flow', 'catalog', 'mpm'] as const;
const PARAMETER_TYPES = [
  'text',
  'currency',
  'date_time',
  'image',
  'video',
  'document',
  'payload',
  'coupon_code',
  'action',
] as const;

/**
 * Checks a `template` object: a name the account has (132001 otherwise, as Meta answers for a
 * template missing in the language), `language.code`, and components with typed parameters; with
 * a known body text, the number of body parameters (132000).
 */
export function checkTemplate(
  template: Fields,
  templates: Map<string, TemplateDefinition> | null,
): { name: string; definition: TemplateDefinition | undefined } {
  onlyKeys(template, PATH, ['name', 'language', 'components', 'namespace']);
  const name = requiredText(template, 'name', PATH, 512);
  const language = requiredObject(template, 'language', PATH);
  const languagePath = child(PATH, 'language');
  onlyKeys(language, languagePath, ['code', 'policy']);
  const code = requiredText(language, 'code', languagePath);
  if (language.policy !== undefined) oneOf(language, 'policy', languagePath, ['deterministic']);
  const definition = templates?.get(name);
  if (
    templates !== null &&
    (definition === undefined || (definition.languages !== undefined && !definition.languages.includes(code)))
  ) {
    throw new GraphError('templateMissing', `template name (${name}) does not exist in ${code}`);
  }
  let bodyParameters = 0;
  if (template.components !== undefined) {
    requiredArray(template, 'components', PATH, 0, 20, 'components').forEach((value, index) => {
      const path = child(child(PATH, 'components'), index);
      const component = arrayEntry(value, path);
      const type = oneOf(component, 'type', path, COMPONENT_TYPES);
      onlyKeys(
        component,
        path,
        type === 'button' ? ['type', 'sub_type', 'index', 'parameters'] : ['type', 'parameters'],
      );
      if (type === 'button') {
        oneOf(component, 'sub_type', path, BUTTON_SUB_TYPES);
        if (component.index === undefined) throw missing(child(path, 'index'));
        if (!/^\d$/.test(String(component.index)))
          throw invalid(child(path, 'index'), 'must be a button position from 0 to 9');
      }
      const parameters =
        component.parameters === undefined ? [] : requiredArray(component, 'parameters', path, 0, 100, 'parameters');
      parameters.forEach((parameter, parameterIndex) =>
        checkParameter(
          arrayEntry(parameter, child(child(path, 'parameters'), parameterIndex)),
          child(child(path, 'parameters'), parameterIndex),
        ),
      );
      if (type === 'body') bodyParameters += parameters.length;
    });
  }
  if (definition?.body !== undefined) {
    const expected = placeholderCount(definition.body);
    if (expected !== bodyParameters) {
      throw new GraphError(
        'templateParameters',
        `body: number of localizable_params (${bodyParameters}) ` +
          `does not match the expected number of params (${expected})`,
      );
    }
  }
  return { name, definition };
}

function checkParameter(parameter: Fields, path: string): void {
  const type = oneOf(parameter, 'type', path, PARAMETER_TYPES);
  onlyKeys(parameter, path, ['type', type, 'parameter_name']);
  switch (type) {
    case 'text':
    case 'payload':
    case 'coupon_code':
      requiredText(parameter, type, path);
      break;
    case 'image':
    case 'video':
    case 'document':
      checkMedia(parameter, type, path, true);
      break;
    case 'currency': {
      const currency = requiredObject(parameter, 'currency', path);
      const currencyPath = child(path, 'currency');
      requiredText(currency, 'fallback_value', currencyPath);
      requiredText(currency, 'code', currencyPath);
      if (!Number.isInteger(currency.amount_1000))
        throw currency.amount_1000 === undefined
          ? missing(child(currencyPath, 'amount_1000'))
          : invalid(child(currencyPath, 'amount_1000'), 'must be an integer');
      break;
    }
    case 'date_time':
      requiredText(requiredObject(parameter, 'date_time', path), 'fallback_value', child(path, 'date_time'));
      break;
    case 'action':
      requiredObject(parameter, 'action', path);
      break;
  }
  optionalText(parameter, 'parameter_name', path);
}
