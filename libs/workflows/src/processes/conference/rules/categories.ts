/**
 * Categories of abuse for a child protection plan, and their Children in Need census code
 * (InitialCategoryOfAbuse N00113, LatestCategoryOfAbuse N00114): NEG, PHY, SAB or EMO for one
 * category, MUL for more than one.
 */
import { DomainError, DomainErrorCode } from '../../../errors';

export const ABUSE_CATEGORIES = ['neglect', 'physical', 'sexual', 'emotional'] as const;
export type AbuseCategory = (typeof ABUSE_CATEGORIES)[number];

export const CENSUS_CATEGORY_CODES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;
export type CensusCategoryCode = (typeof CENSUS_CATEGORY_CODES)[number];

const SINGLE_CATEGORY_CODE: Readonly<Record<AbuseCategory, CensusCategoryCode>> = {
  neglect: 'NEG',
  physical: 'PHY',
  sexual: 'SAB',
  emotional: 'EMO',
};

/** What is wrong with a plan's categories: empty when it is a non-empty list of known categories without repeats. */
export function categoryProblems(categories: readonly unknown[]): string[] {
  const problems: string[] = [];
  if (categories.length === 0) problems.push('categories must name at least one category of abuse');
  categories.forEach((category, i) => {
    if (!(ABUSE_CATEGORIES as readonly unknown[]).includes(category)) {
      problems.push(`categories[${i}] must be one of ${ABUSE_CATEGORIES.join(', ')}`);
    } else if (categories.indexOf(category) !== i) {
      problems.push(`categories[${i}] repeats an earlier category`);
    }
  });
  return problems;
}

/** Throws DomainError invalid_input listing the problems when the categories are not valid. */
export function throwIfCategoriesInvalid(
  categories: readonly unknown[],
): asserts categories is readonly AbuseCategory[] {
  const problems = categoryProblems(categories);
  if (problems.length > 0)
    throw new DomainError(DomainErrorCode.InvalidInput, problems.join('; '), { problems });
}

/** The census code of a plan's categories: the single category's code, or MUL for more than one. */
export function censusCategoryCode(categories: readonly AbuseCategory[]): CensusCategoryCode {
  throwIfCategoriesInvalid(categories);
  return categories.length === 1 ? SINGLE_CATEGORY_CODE[categories[0]!] : 'MUL';
}
