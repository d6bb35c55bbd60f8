/**
 * NHS numbers: ten digits, the tenth a modulus 11 check digit over the first nine (NHS Data
 * Dictionary, "NHS Number"). The weights run from 10 for the first digit down to 2 for the ninth;
 * a check digit of 11 is written 0, and a number whose check digit would be 10 is never issued.
 */
const TEN_DIGITS = /^\d{10}$/;

/** The check digit the first nine digits call for, or undefined when no valid number starts so. */
export function nhsNumberCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) return undefined;
  let total = 0;
  for (let i = 0; i < 9; i++) total += Number(firstNine[i]) * (10 - i);
  const check = 11 - (total % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** True for ten digits whose last is the right check digit ('943 476 5919' with spaces is not: normalise first). */
export function isValidNhsNumber(value: unknown): value is string {
  if (typeof value !== 'string' || !TEN_DIGITS.test(value)) return false;
  return nhsNumberCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/** The number as written on letters ('943 476 5919') without its spaces, as it is stored. */
export function normaliseNhsNumber(value: string): string {
  return value.replace(/ /g, '');
}
