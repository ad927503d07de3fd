import fc from 'fast-check';
import { PLAIN_TEXT_CARD_MAX, plainTextCard, productCard, type ProductCardInput } from '#domain';
import { expectCutWithEllipsis } from './text-samples.js';

const PHONE: ProductCardInput = {
  productId: '123e4567-e89b-12d3-a456-426614174000',
  title: 'Samsung Galaxy S24 Ultra 5G Smartphone, 256 GB, Titanium Black, Dual SIM',
  brand: 'Samsung',
  imageUrl: 'https://img.example.com/s24.jpg',
  priceMinor: 119900,
  currency: 'EUR',
  offerCount: 3,
  link: 'https://souk.example/p/s24',
};

describe('productCard', () => {
  it('fits the title at a word boundary with an ellipsis, formats the price and counts offers', () => {
    expect(productCard(PHONE, { locale: 'nl-NL' })).toEqual({
      productId: PHONE.productId,
      title: 'Samsung Galaxy S24 Ultra 5G Smartphone, 256 GB, Titanium…',
      price: '€\u00a01.199,00',
      subtitle: '3 offers',
      imageUrl: PHONE.imageUrl,
      link: PHONE.link,
    });
  });

  it('keeps a title of exactly titleMax and cuts one just past it', () => {
    const title60 = 'x'.repeat(60);
    expect(productCard({ ...PHONE, title: title60 }, { locale: 'en-US' }).title).toBe(title60);
    const card = productCard({ ...PHONE, title: `${title60}y` }, { locale: 'en-US' });
    expectCutWithEllipsis(card.title, `${title60}y`, 60);
    expect(productCard(PHONE, { locale: 'en-US', titleMax: 24 }).title).toBe('Samsung Galaxy S24…');
  });

  it('uses the brand as subtitle for a single offer, or "1 offer" without a brand', () => {
    expect(productCard({ ...PHONE, offerCount: 1 }, { locale: 'en-US' }).subtitle).toBe('Samsung');
    expect(productCard({ ...PHONE, offerCount: 1, brand: '  ' }, { locale: 'en-US' }).subtitle).toBe('1 offer');
    expect(productCard({ ...PHONE, offerCount: 1, brand: undefined }, { locale: 'en-US' }).subtitle).toBe('1 offer');
  });

  it('leaves out a missing image', () => {
    expect(productCard({ ...PHONE, imageUrl: undefined }, { locale: 'en-US' })).not.toHaveProperty('imageUrl');
  });

  it('rejects a card without offers', () => {
    expect(() => productCard({ ...PHONE, offerCount: 0 }, { locale: 'en-US' })).toThrow(RangeError);
    expect(() => productCard({ ...PHONE, offerCount: 1.5 }, { locale: 'en-US' })).toThrow(RangeError);
  });
});

describe('plainTextCard', () => {
  it('writes title, price and subtitle on one line and the link on the next, without markup', () => {
    expect(plainTextCard(PHONE, { locale: 'en-US' })).toBe(
      'Samsung Galaxy S24 Ultra 5G Smartphone, 256 GB, Titanium… · €1,199.00 · 3 offers\nhttps://souk.example/p/s24',
    );
    expect(plainTextCard({ ...PHONE, title: 'Tea', offerCount: 1 }, { locale: 'en-US' })).toBe(
      'Tea · €1,199.00 · Samsung\nhttps://souk.example/p/s24',
    );
  });

  it('shortens the title to leave room for a long link, and drops a link that leaves no room', () => {
    const longLink = `https://souk.example/p/${'a'.repeat(90)}`;
    const withLink = plainTextCard({ ...PHONE, link: longLink }, { locale: 'en-US' });
    expect(withLink.length).toBeLessThanOrEqual(PLAIN_TEXT_CARD_MAX);
    expect(withLink.endsWith(`\n${longLink}`)).toBe(true);
    const hugeLink = `https://souk.example/p/${'a'.repeat(140)}`;
    const withoutLink = plainTextCard({ ...PHONE, link: hugeLink }, { locale: 'en-US' });
    expect(withoutLink).not.toContain('\n');
    expect(withoutLink).toBe('Samsung Galaxy S24 Ultra 5G Smartphone, 256 GB, Titanium… · €1,199.00 · 3 offers');
  });

  it('is at most 160 characters and at most two lines, whatever the input', () => {
    const input = fc.record({
      title: fc.string({ unit: 'grapheme', maxLength: 300 }),
      brand: fc.option(fc.string({ unit: 'binary', maxLength: 200 }), { nil: undefined }),
      priceMinor: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF', 'INR'),
      offerCount: fc.integer({ min: 1, max: 100_000 }),
      link: fc.webUrl({ withQueryParameters: true }),
    });
    fc.assert(
      fc.property(
        input,
        fc.constantFrom('en-US', 'ar-EG', 'hi-IN', 'ja-JP'),
        fc.integer({ min: 1, max: 200 }),
        (fields, locale, titleMax) => {
          const text = plainTextCard({ ...PHONE, ...fields }, { locale, titleMax });
          expect(text.length).toBeLessThanOrEqual(PLAIN_TEXT_CARD_MAX);
          expect(text.split('\n').length).toBeLessThanOrEqual(2);
        },
      ),
      { numRuns: 300 },
    );
  });
});
