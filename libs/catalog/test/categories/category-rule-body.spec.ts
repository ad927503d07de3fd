import { createValidationPipe, ProblemException } from '#platform';
import {
  CategoryRuleListQuery,
  CreateCategoryRuleBody,
  UpdateCategoryRuleBody,
} from '../../src/categories/category.dto.js';
import { rulePattern } from '../../src/categories/rule-pattern.js';

const pipe = createValidationPipe();

async function problemOf(value: unknown, metatype: new () => object, type: 'body' | 'query' = 'body') {
  try {
    await pipe.transform(value, { type, metatype });
  } catch (error) {
    if (error instanceof ProblemException) return error.toProblem();
    throw error;
  }
  return null;
}

const VALID = { kind: 'prefix', pattern: 'Damen > Kleider', categoryId: 1604 };

describe('CreateCategoryRuleBody', () => {
  it.each([
    [VALID],
    [{ ...VALID, retailerId: '11111111-1111-4111-8111-111111111111', priority: 1000 }],
    [{ ...VALID, retailerId: null, priority: -1000 }],
    [{ ...VALID, kind: 'exact', pattern: 'x'.repeat(300) }],
    [{ ...VALID, kind: 'keyword' }],
  ])('accepts %j', async (body) => {
    expect(await problemOf(body, CreateCategoryRuleBody)).toBeNull();
  });

  it.each([
    [{ ...VALID, kind: 'regex' }, 'kind'],
    [{ ...VALID, pattern: '' }, 'pattern'],
    [{ ...VALID, pattern: 'x'.repeat(301) }, 'pattern'],
    [{ ...VALID, pattern: 7 }, 'pattern'],
    [{ ...VALID, categoryId: '1604' }, 'categoryId'],
    [{ ...VALID, categoryId: 1.5 }, 'categoryId'],
    [{ ...VALID, categoryId: 0 }, 'categoryId'],
    [{ ...VALID, categoryId: 2 ** 31 }, 'categoryId'],
    [{ ...VALID, priority: 1001 }, 'priority'],
    [{ ...VALID, priority: -1001 }, 'priority'],
    [{ ...VALID, retailerId: 'acme' }, 'retailerId'],
    [{ ...VALID, scope: 'global' }, 'scope'],
  ])('refuses %j, naming %s', async (body, field) => {
    const problem = await problemOf(body, CreateCategoryRuleBody);
    expect(problem).toMatchObject({ status: 400 });
    expect(problem?.errors?.map((error) => error.field)).toEqual([field]);
  });
});

describe('UpdateCategoryRuleBody', () => {
  it('accepts any subset of kind, pattern, categoryId and priority', async () => {
    expect(await problemOf({}, UpdateCategoryRuleBody)).toBeNull();
    expect(await problemOf({ priority: 5 }, UpdateCategoryRuleBody)).toBeNull();
  });

  it('refuses null for a field, and a retailer change', async () => {
    expect((await problemOf({ kind: null }, UpdateCategoryRuleBody))?.errors?.map((error) => error.field)).toEqual([
      'kind',
    ]);
    expect(
      (await problemOf({ retailerId: null }, UpdateCategoryRuleBody))?.errors?.map((error) => error.field),
    ).toEqual(['retailerId']);
  });
});

describe('CategoryRuleListQuery', () => {
  it('filters by retailer and kind', async () => {
    expect(
      await problemOf(
        { retailerId: '11111111-1111-4111-8111-111111111111', kind: 'exact', limit: '10' },
        CategoryRuleListQuery,
        'query',
      ),
    ).toBeNull();
    expect(
      (await problemOf({ kind: 'fuzzy' }, CategoryRuleListQuery, 'query'))?.errors?.map((error) => error.field),
    ).toEqual(['kind']);
  });
});

describe('rulePattern', () => {
  it('stores the pattern normalized', () => {
    expect(rulePattern('  Damen>KLEIDER ')).toBe('damen > kleider');
    expect(rulePattern('Café')).toBe('café');
  });

  it('refuses a pattern with nothing left but spaces and >, naming pattern', () => {
    expect(() => rulePattern(' > >  ')).toThrow(ProblemException);
    const thrown = (() => {
      try {
        rulePattern('>');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(ProblemException);
    expect((thrown as ProblemException).toProblem()).toMatchObject({ status: 400, errors: [{ field: 'pattern' }] });
  });
});
