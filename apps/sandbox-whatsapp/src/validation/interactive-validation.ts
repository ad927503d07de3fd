import { GraphError } from '../graph-errors.js';
import type { CatalogProduct } from '../catalog/catalog.js';
import { BUTTON_LIMITS, CTA_URL_LIMITS, LIST_LIMITS, PRODUCT_LIMITS, PRODUCT_LIST_LIMITS } from './cloud-api-limits.js';
import { checkMedia } from './media-validation.js';
import {
  arrayEntry,
  child,
  httpUrl,
  invalid,
  oneOf,
  onlyKeys,
  optionalObject,
  optionalText,
  requiredArray,
  requiredObject,
  requiredText,
  unique,
  type Fields,
} from './validation-kit.js';

export const INTERACTIVE_TYPES = ['button', 'list', 'product', 'product_list', 'cta_url'] as const;
export type InteractiveType = (typeof INTERACTIVE_TYPES)[number];

/** What product messages are checked against: the catalog connected to the phone number. */
export interface CatalogLookup {
  readonly catalogId: string;
  product(retailerId: string): Promise<CatalogProduct | undefined>;
}

const PATH = 'interactive';
const MEDIA_HEADERS = ['text', 'image', 'video', 'document'] as const;

/** Checks an `interactive` object against the limits of its type; product ids against the catalog. */
export async function checkInteractive(interactive: Fields, catalog: CatalogLookup): Promise<InteractiveType> {
  const type = oneOf(interactive, 'type', PATH, INTERACTIVE_TYPES);
  switch (type) {
    case 'button':
      checkButtons(interactive);
      break;
    case 'list':
      checkList(interactive);
      break;
    case 'product':
      await checkProduct(interactive, catalog);
      break;
    case 'product_list':
      await checkProductList(interactive, catalog);
      break;
    case 'cta_url':
      checkCtaUrl(interactive);
      break;
  }
  return type;
}

function checkButtons(interactive: Fields): void {
  onlyKeys(interactive, PATH, ['type', 'header', 'body', 'footer', 'action']);
  header(interactive, MEDIA_HEADERS, BUTTON_LIMITS.headerText, false);
  textObject(interactive, 'body', BUTTON_LIMITS.body, true);
  textObject(interactive, 'footer', BUTTON_LIMITS.footer, false);
  const action = requiredObject(interactive, 'action', PATH);
  const actionPath = child(PATH, 'action');
  onlyKeys(action, actionPath, ['buttons']);
  const buttons = requiredArray(action, 'buttons', actionPath, 1, BUTTON_LIMITS.buttons, 'buttons').map(
    (value, index) => {
      const path = child(child(actionPath, 'buttons'), index);
      const button = arrayEntry(value, path);
      onlyKeys(button, path, ['type', 'reply']);
      oneOf(button, 'type', path, ['reply']);
      const reply = requiredObject(button, 'reply', path);
      const replyPath = child(path, 'reply');
      onlyKeys(reply, replyPath, ['id', 'title']);
      return {
        id: { value: requiredText(reply, 'id', replyPath, BUTTON_LIMITS.id), path: child(replyPath, 'id') },
        title: { value: requiredText(reply, 'title', replyPath, BUTTON_LIMITS.title), path: child(replyPath, 'title') },
      };
    },
  );
  unique(
    buttons.map((button) => button.id),
    'button id',
  );
  unique(
    buttons.map((button) => button.title),
    'button title',
  );
}

function checkList(interactive: Fields): void {
  onlyKeys(interactive, PATH, ['type', 'header', 'body', 'footer', 'action']);
  header(interactive, ['text'], LIST_LIMITS.headerText, false);
  textObject(interactive, 'body', LIST_LIMITS.body, true);
  textObject(interactive, 'footer', LIST_LIMITS.footer, false);
  const action = requiredObject(interactive, 'action', PATH);
  const actionPath = child(PATH, 'action');
  onlyKeys(action, actionPath, ['button', 'sections']);
  requiredText(action, 'button', actionPath, LIST_LIMITS.button);
  const sections = requiredArray(action, 'sections', actionPath, 1, LIST_LIMITS.sections, 'sections');
  const rowIds: { value: string; path: string }[] = [];
  sections.forEach((value, index) => {
    const path = child(child(actionPath, 'sections'), index);
    const section = arrayEntry(value, path);
    onlyKeys(section, path, ['title', 'rows']);
    sectionTitle(section, path, LIST_LIMITS.sectionTitle, sections.length);
    requiredArray(section, 'rows', path, 1, LIST_LIMITS.rowsTotal, 'rows').forEach((rowValue, rowIndex) => {
      const rowPath = child(child(path, 'rows'), rowIndex);
      const row = arrayEntry(rowValue, rowPath);
      onlyKeys(row, rowPath, ['id', 'title', 'description']);
      rowIds.push({ value: requiredText(row, 'id', rowPath, LIST_LIMITS.rowId), path: child(rowPath, 'id') });
      requiredText(row, 'title', rowPath, LIST_LIMITS.rowTitle);
      optionalText(row, 'description', rowPath, LIST_LIMITS.rowDescription);
    });
  });
  if (rowIds.length > LIST_LIMITS.rowsTotal) {
    throw invalid(
      child(actionPath, 'sections'),
      `have ${rowIds.length} rows in total; at most ${LIST_LIMITS.rowsTotal} are allowed`,
    );
  }
  unique(rowIds, 'row id');
}

async function checkProduct(interactive: Fields, catalog: CatalogLookup): Promise<void> {
  if (interactive.header !== undefined) throw invalid(child(PATH, 'header'), 'is not allowed in a product message');
  onlyKeys(interactive, PATH, ['type', 'body', 'footer', 'action']);
  textObject(interactive, 'body', PRODUCT_LIMITS.body, false);
  textObject(interactive, 'footer', PRODUCT_LIMITS.footer, false);
  const action = requiredObject(interactive, 'action', PATH);
  const actionPath = child(PATH, 'action');
  onlyKeys(action, actionPath, ['catalog_id', 'product_retailer_id']);
  catalogId(action, actionPath, catalog);
  const id = requiredText(action, 'product_retailer_id', actionPath);
  await inCatalog([{ value: id, path: child(actionPath, 'product_retailer_id') }], catalog);
}

async function checkProductList(interactive: Fields, catalog: CatalogLookup): Promise<void> {
  onlyKeys(interactive, PATH, ['type', 'header', 'body', 'footer', 'action']);
  header(interactive, ['text'], PRODUCT_LIST_LIMITS.headerText, true);
  textObject(interactive, 'body', PRODUCT_LIST_LIMITS.body, true);
  textObject(interactive, 'footer', PRODUCT_LIST_LIMITS.footer, false);
  const action = requiredObject(interactive, 'action', PATH);
  const actionPath = child(PATH, 'action');
  onlyKeys(action, actionPath, ['catalog_id', 'sections']);
  catalogId(action, actionPath, catalog);
  const sections = requiredArray(action, 'sections', actionPath, 1, PRODUCT_LIST_LIMITS.sections, 'sections');
  const ids: { value: string; path: string }[] = [];
  sections.forEach((value, index) => {
    const path = child(child(actionPath, 'sections'), index);
    const section = arrayEntry(value, path);
    onlyKeys(section, path, ['title', 'product_items']);
    sectionTitle(section, path, PRODUCT_LIST_LIMITS.sectionTitle, sections.length);
    requiredArray(section, 'product_items', path, 1, PRODUCT_LIST_LIMITS.productsTotal, 'products').forEach(
      (itemValue, itemIndex) => {
        const itemPath = child(child(path, 'product_items'), itemIndex);
        const item = arrayEntry(itemValue, itemPath);
        onlyKeys(item, itemPath, ['product_retailer_id']);
        ids.push({
          value: requiredText(item, 'product_retailer_id', itemPath),
          path: child(itemPath, 'product_retailer_id'),
        });
      },
    );
  });
  if (ids.length > PRODUCT_LIST_LIMITS.productsTotal) {
    throw invalid(
      child(actionPath, 'sections'),
      `have ${ids.length} products in total; at most ${PRODUCT_LIST_LIMITS.productsTotal} are allowed`,
    );
  }
  unique(ids, 'product_retailer_id');
  await inCatalog(ids, catalog);
}

function checkCtaUrl(interactive: Fields): void {
  onlyKeys(interactive, PATH, ['type', 'header', 'body', 'footer', 'action']);
  header(interactive, MEDIA_HEADERS, CTA_URL_LIMITS.headerText, false);
  textObject(interactive, 'body', CTA_URL_LIMITS.body, true);
  textObject(interactive, 'footer', CTA_URL_LIMITS.footer, false);
  const action = requiredObject(interactive, 'action', PATH);
  const actionPath = child(PATH, 'action');
  onlyKeys(action, actionPath, ['name', 'parameters']);
  oneOf(action, 'name', actionPath, ['cta_url']);
  const parameters = requiredObject(action, 'parameters', actionPath);
  const parametersPath = child(actionPath, 'parameters');
  onlyKeys(parameters, parametersPath, ['display_text', 'url']);
  requiredText(parameters, 'display_text', parametersPath, CTA_URL_LIMITS.displayText);
  httpUrl(requiredText(parameters, 'url', parametersPath), child(parametersPath, 'url'));
}

function header(
  interactive: Fields,
  types: readonly ('text' | 'image' | 'video' | 'document')[],
  maxText: number,
  required: boolean,
): void {
  const value = required ? requiredObject(interactive, 'header', PATH) : optionalObject(interactive, 'header', PATH);
  if (value === undefined) return;
  const path = child(PATH, 'header');
  const type = oneOf(value, 'type', path, types);
  onlyKeys(value, path, ['type', type]);
  if (type === 'text') requiredText(value, 'text', path, maxText);
  else checkMedia(value, type, path, true);
}

function textObject(interactive: Fields, key: 'body' | 'footer', max: number, required: boolean): void {
  const value = required ? requiredObject(interactive, key, PATH) : optionalObject(interactive, key, PATH);
  if (value === undefined) return;
  const path = child(PATH, key);
  onlyKeys(value, path, ['text']);
  requiredText(value, 'text', path, max);
}

/** Meta's section object: the title is required when the message has more than one section. */
function sectionTitle(section: Fields, path: string, max: number, sections: number): void {
  if (sections > 1) requiredText(section, 'title', path, max);
  else optionalText(section, 'title', path, max);
}

function catalogId(action: Fields, actionPath: string, catalog: CatalogLookup): void {
  const id = requiredText(action, 'catalog_id', actionPath);
  if (id !== catalog.catalogId)
    throw invalid(
      child(actionPath, 'catalog_id'),
      `${JSON.stringify(id)} is not a catalog connected to this phone number`,
    );
}

async function inCatalog(ids: readonly { value: string; path: string }[], catalog: CatalogLookup): Promise<void> {
  const absent: string[] = [];
  for (const { value, path } of ids) {
    if ((await catalog.product(value)) === undefined) absent.push(`${JSON.stringify(value)} (${path})`);
  }
  if (absent.length > 0) throw new GraphError('invalidValue', `Products not found in FB Catalog: ${absent.join(', ')}`);
}
