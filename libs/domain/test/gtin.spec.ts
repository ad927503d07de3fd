import fc from 'fast-check';
import { gtinCheckDigit, normalizeGtin } from '#domain';

describe('normalizeGtin', () => {
  it.each([
    ['4006381333931', '04006381333931'],
    ['036000291452', '00036000291452'],
    ['90311017', '00000090311017'],
    ['10614141000415', '10614141000415'],
    [' 4006-381 333931 ', '04006381333931'],
  ])('accepts %j as %s', (text, gtin) => {
    expect(normalizeGtin(text)).toEqual({ gtin });
  });

  it('refuses a wrong check digit and names the right one', () => {
    expect(normalizeGtin('4006381333932')).toEqual({ error: 'GTIN check digit is 2 but should be 1' });
  });

  it.each([
    ['123456789', /8, 12, 13 or 14 digits, not 9/],
    ['400638133393100', /8, 12, 13 or 14 digits, not 15/],
    ['40063813339X1', /only digits/],
    ['4006381333931.0', /only digits/],
    ['', /empty/],
    [' - ', /empty/],
    ['00000000000000', /all zeros/],
    ['00000000', /all zeros/],
  ])('refuses %j and says why', (text, reason) => {
    const result = normalizeGtin(text);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(reason);
  });

  it('accepts a 12-digit body with its computed check digit, and no other last digit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{12}$/).filter((body) => /[1-9]/.test(body)),
        (body) => {
          const check = gtinCheckDigit(body);
          expect(normalizeGtin(`${body}${check}`)).toEqual({ gtin: `0${body}${check}` });
          for (let digit = 0; digit <= 9; digit++) {
            if (digit !== check) expect(normalizeGtin(`${body}${digit}`)).toHaveProperty('error');
          }
        },
      ),
    );
  });
});
