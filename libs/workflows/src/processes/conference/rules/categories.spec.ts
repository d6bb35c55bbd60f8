import { DomainError } from '../../../errors';
import { AbuseCategory, categoryProblems, censusCategoryCode, throwIfCategoriesInvalid } from './categories';

describe('censusCategoryCode', () => {
  it.each<[AbuseCategory[], string]>([
    [['neglect'], 'NEG'],
    [['physical'], 'PHY'],
    [['sexual'], 'SAB'],
    [['emotional'], 'EMO'],
    [['neglect', 'emotional'], 'MUL'],
    [['emotional', 'neglect'], 'MUL'],
    [['neglect', 'physical', 'sexual', 'emotional'], 'MUL'],
  ])('%j → %s', (categories, code) => {
    expect(censusCategoryCode(categories)).toBe(code);
  });

  it('refuses categories that are not valid rather than coding them', () => {
    expect(() => censusCategoryCode([])).toThrow(DomainError);
    expect(() => censusCategoryCode(['neglect', 'neglect'])).toThrow(DomainError);
  });
});

describe('categoryProblems', () => {
  it.each<[string, unknown[], string[]]>([
    ['one category', ['sexual'], []],
    ['every category once', ['neglect', 'physical', 'sexual', 'emotional'], []],
    ['none', [], ['categories must name at least one category of abuse']],
    ['a repeat', ['neglect', 'emotional', 'neglect'], ['categories[2] repeats an earlier category']],
    [
      'an unknown category',
      ['financial'],
      ['categories[0] must be one of neglect, physical, sexual, emotional'],
    ],
    [
      'a census code instead of a category',
      ['NEG'],
      ['categories[0] must be one of neglect, physical, sexual, emotional'],
    ],
    ['not a string', [3], ['categories[0] must be one of neglect, physical, sexual, emotional']],
  ])('%s', (_case, categories, problems) => {
    expect(categoryProblems(categories)).toEqual(problems);
  });

  it('throws invalid_input with every problem listed', () => {
    let error: unknown;
    try {
      throwIfCategoriesInvalid(['neglect', 'neglect', 'financial']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).extensions.problems).toHaveLength(2);
  });
});
