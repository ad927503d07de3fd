import { productCard, productListMessage, type ProductCard } from '#domain';
import { payloadError } from './payload-error.js';

const card = (i: number, overrides: Partial<ProductCard> = {}): ProductCard => ({
  ...productCard(
    {
      productId: `p${i}`,
      title: `Samsung Galaxy S24 Ultra 5G, model ${i}`,
      priceMinor: 89900 + i,
      currency: 'EUR',
      offerCount: 3,
      link: `https://souk.example/p/${i}`,
    },
    { locale: 'nl-NL' },
  ),
  ...overrides,
});

const OPTIONS = { body: 'Here is what we found', buttonLabel: 'See phones' };

describe('productListMessage', () => {
  it('turns product cards into rows: product id, fitted title, the rest of the title, price and subtitle', () => {
    const { payload, dropped } = productListMessage([card(1), card(2, { subtitle: '' })], {
      ...OPTIONS,
      sectionTitle: 'Phones',
    });
    expect(dropped).toEqual({ sections: 0, rows: 0 });
    expect(payload).toEqual({
      type: 'list',
      body: { text: 'Here is what we found' },
      action: {
        button: 'See phones',
        sections: [
          {
            title: 'Phones',
            rows: [
              { id: 'p1', title: 'Samsung Galaxy S24…', description: 'Ultra 5G, model 1 · €\u00a0899,01 · 3 offers' },
              { id: 'p2', title: 'Samsung Galaxy S24…', description: 'Ultra 5G, model 2 · €\u00a0899,02' },
            ],
          },
        ],
      },
    });
  });

  it('tells apart rows whose titles share their first 24 characters: the variant leads each description', () => {
    const earbuds = ['Black', 'White', 'Sand'].map((colour, i) =>
      card(i, { title: `Sonora Wireless Earbuds Pro - ${colour}`, subtitle: 'Sonora' }),
    );
    const { payload } = productListMessage(earbuds, OPTIONS);
    const rows = payload.action.sections[0].rows;
    expect(rows.map((row) => row.title)).toEqual([
      'Sonora Wireless Earbuds…',
      'Sonora Wireless Earbuds…',
      'Sonora Wireless Earbuds…',
    ]);
    expect(rows.map((row) => row.description)).toEqual([
      'Pro - Black · €\u00a0899,00 · Sonora',
      'Pro - White · €\u00a0899,01 · Sonora',
      'Pro - Sand · €\u00a0899,02 · Sonora',
    ]);
    expect(new Set(rows.map((row) => `${row.title} ${row.description}`)).size).toBe(3);
  });

  it('keeps a title that fits a row whole, with nothing before the price', () => {
    const { payload } = productListMessage([card(1, { title: 'Enamel Mug' })], OPTIONS);
    expect(payload.action.sections[0].rows[0]).toMatchObject({
      title: 'Enamel Mug',
      description: '€\u00a0899,01 · 3 offers',
    });
  });

  it('keeps the first 10 cards and reports the rest', () => {
    const cards = Array.from({ length: 12 }, (_, i) => card(i));
    const { payload, dropped } = productListMessage(cards, OPTIONS);
    expect(payload.action.sections[0].rows.map((row) => row.id)).toEqual(cards.slice(0, 10).map((c) => c.productId));
    expect(dropped).toEqual({ sections: 0, rows: 2 });
  });

  it('rejects no cards and the same product twice', () => {
    expect(payloadError(() => productListMessage([], OPTIONS)).message).toMatch(/at least one row/);
    expect(payloadError(() => productListMessage([card(1), card(1)], OPTIONS)).field).toBe('sections[0].rows[1].id');
  });
});
