import { clickToChatDigits, clickToChatLink, InvalidPhoneNumberError } from '#domain';

describe('clickToChatDigits', () => {
  it.each([
    ['+1 (555) 123-4567', '15551234567'],
    ['+31 6 1234 5678', '31612345678'],
    ['31.6.12.34.56.78', '31612345678'],
    ['  +44 20 7946 0958 ', '442079460958'],
    ['12345678', '12345678'],
    ['123456789012345', '123456789012345'],
  ])('reads %j as %s', (input, digits) => {
    expect(clickToChatDigits(input)).toBe(digits);
  });

  it.each([
    ['1234567', '7 digits'],
    ['1234567890123456', '16 digits'],
    ['', 'nothing'],
    ['+1 555 CALL NOW', 'letters'],
    ['++15551234567', 'two plus signs'],
    ['1555+1234567', 'a plus sign inside'],
    ['0612345678', 'a national number'],
    ['+1/555/1234567', 'slashes'],
    ['１５５５１２３４５６７', 'full-width digits'],
  ])('rejects %j (%s)', (input) => {
    expect(() => clickToChatDigits(input)).toThrow(InvalidPhoneNumberError);
  });
});

describe('clickToChatLink', () => {
  it('builds a wa.me link with the text URL-encoded', () => {
    expect(clickToChatLink('+1 (555) 123-4567', "I'd like to buy: Tea & Cake? #1 100%")).toBe(
      "https://wa.me/15551234567?text=I'd%20like%20to%20buy%3A%20Tea%20%26%20Cake%3F%20%231%20100%25",
    );
    expect(clickToChatLink('+31612345678', 'Hallo 😀\nnieuwe regel')).toBe(
      'https://wa.me/31612345678?text=Hallo%20%F0%9F%98%80%0Anieuwe%20regel',
    );
  });

  it('leaves the text parameter out when there is no text', () => {
    expect(clickToChatLink('+31612345678', '')).toBe('https://wa.me/31612345678');
  });

  it('encodes an unpaired surrogate as U+FFFD instead of throwing', () => {
    expect(clickToChatLink('+31612345678', 'a\uD800')).toBe('https://wa.me/31612345678?text=a%EF%BF%BD');
  });

  it('decodes back to the text', () => {
    const text = 'Ich möchte: 三星 Galaxy [ref P-T1234]';
    const link = new URL(clickToChatLink('+49 30 1234567', text));
    expect(link.origin + link.pathname).toBe('https://wa.me/49301234567');
    expect(link.searchParams.get('text')).toBe(text);
  });
});
