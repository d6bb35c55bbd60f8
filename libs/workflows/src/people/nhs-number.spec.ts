import { isValidNhsNumber, nhsNumberCheckDigit, normaliseNhsNumber } from './nhs-number';

describe('NHS numbers', () => {
  it.each(['9434765919', '9434765870', '4010232137', '9990000018'])('accepts %s (check digit right)', (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
  });

  it('refuses a number whose last digit is not the check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('9434765911')).toBe(false);
  });

  it('computes the check digit from the weights 10 to 2: 11 is written 0, 10 is never issued', () => {
    // 4*10 + 0*9 + 1*8 + 0*7 + 2*6 + 3*5 + 2*4 + 1*3 + 3*2 = 92; 92 % 11 = 4; 11 - 4 = 7
    expect(nhsNumberCheckDigit('401023213')).toBe(7);
    // 1*10 + 0 ... + 0 + 1*2 = 12; 12 % 11 = 1; 11 - 1 = 10: never issued
    expect(nhsNumberCheckDigit('100000001')).toBeUndefined();
    // 1*10 + 1*9 + ... + 1*2 = 54; 54 % 11 = 10; 11 - 10 = 1
    expect(nhsNumberCheckDigit('111111111')).toBe(1);
    // 0 * every weight = 0; 11 - 0 = 11, written 0
    expect(nhsNumberCheckDigit('000000000')).toBe(0);
  });

  it('refuses a number whose check digit would be 10, whatever its last digit', () => {
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`100000001${last}`)).toBe(false);
  });

  it.each(['', '943476591', '94347659190', '943 476 5919', '94347659l9', ' 9434765919', 9434765919, null])(
    'refuses %p: not ten digits',
    (value) => {
      expect(isValidNhsNumber(value)).toBe(false);
    },
  );

  it('exactly one last digit completes any nine digits that can start a number', () => {
    for (const firstNine of ['943476591', '123456789', '987654321', '000000001']) {
      const valid = [...Array(10).keys()].filter((d) => isValidNhsNumber(`${firstNine}${d}`));
      expect(valid.length).toBeLessThanOrEqual(1);
      expect(valid).toEqual(nhsNumberCheckDigit(firstNine) === undefined ? [] : [nhsNumberCheckDigit(firstNine)]);
    }
  });

  it('normalises the spaces of the written form away', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
  });
});
