import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { IsInteger } from './integer.decorator.js';
import { Omittable } from './optional.decorators.js';
import { ProblemException } from './problem.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Query parameters of every list endpoint: keyset (cursor) paging, newest first. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @Omittable()
  @Type(() => Number)
  @IsInteger()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @Omittable()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

interface CursorPosition {
  createdAt: string;
  id: string;
}

/** The kinds of id paginate() can page by: the cursor's id must be one, or the query would fail. */
type IdKind = 'uuid' | 'bigint';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_MAX = 9_223_372_036_854_775_807n;

/** Whether `text` is a positive PostgreSQL bigint written plainly, as the ids of bigint tables are. */
export function isBigintId(text: unknown): boolean {
  return typeof text === 'string' && /^[1-9][0-9]{0,18}$/.test(text) && BigInt(text) <= BIGINT_MAX;
}

const NOT_A_CURSOR = 'is not a cursor returned by this endpoint';

function notACursor(): ProblemException {
  return ProblemException.validation([{ field: 'cursor', message: NOT_A_CURSOR }]);
}

/** For the lists whose cursor is the bigint id of the last item (sync issues, ledger entries). */
export function IsBigintCursor(): PropertyDecorator {
  return ValidateBy({
    name: 'isBigintCursor',
    validator: { validate: isBigintId, defaultMessage: () => NOT_A_CURSOR },
  });
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/** A cursor holds what encodeCursor wrote: anything else could not be compared with the table's columns. */
function decodeCursor(cursor: string, idKind: IdKind): CursorPosition {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  if (!Array.isArray(position) || position.length !== 2) throw notACursor();
  const [createdAt, id] = position as unknown[];
  const instant =
    typeof createdAt === 'string' &&
    ISO_INSTANT.test(createdAt) &&
    !Number.isNaN(Date.parse(createdAt)) &&
    new Date(createdAt).toISOString() === createdAt;
  const idFits = idKind === 'uuid' ? typeof id === 'string' && UUID.test(id) : isBigintId(id);
  if (!instant || !idFits) throw notACursor();
  return { createdAt, id: id as string };
}

function idKindOf(query: SelectQueryBuilder<ObjectLiteral>): IdKind {
  const alias = query.expressionMap.mainAlias;
  const type = alias?.hasMetadata ? alias.metadata.findColumnWithPropertyName('id')?.type : undefined;
  if (type === 'uuid') return 'uuid';
  if (type === 'bigint' || type === 'int8') return 'bigint';
  throw new Error(`paginate() pages by a uuid or bigint id; this query's id is ${String(type)}`);
}

/**
 * Pages a query newest first by (createdAt, id), which stays fast on deep pages because each page
 * starts from an index position instead of skipping rows. `alias` is the query's main alias.
 */
export async function paginate<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  page: PageQuery,
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (page.cursor) {
    const position = decodeCursor(page.cursor, idKindOf(query));
    query.andWhere(`(${alias}.createdAt, ${alias}.id) < (:cursorCreatedAt, :cursorId)`, {
      cursorCreatedAt: position.createdAt,
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.createdAt`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/**
 * The OpenAPI schema of a page of `item`s, for `@ApiOkResponse({ type: PageOf(RetailerView) })`;
 * one class per item type, named after it.
 */
export function PageOf<T>(item: new () => T): new () => Page<T> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({
      nullable: true,
      type: String,
      description: 'Pass as cursor for the next page; null on the last page.',
    })
    nextCursor: string | null;
  }
  Object.defineProperty(PageOfItems, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
  return PageOfItems;
}
