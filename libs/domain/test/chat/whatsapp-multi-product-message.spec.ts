import {
  interactiveMessage,
  MULTI_PRODUCT_MESSAGE_LIMITS,
  multiProductMessage,
  type MultiProductMessageInput,
} from '#domain';
import { payloadError } from './payload-error.js';
import { expectCutWithEllipsis, SCRIPT_UNITS, textOfLength, textPast } from './text-samples.js';

const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `sku-${from + i}`);

const BASE: MultiProductMessageInput = {
  header: 'Our phones',
  body: 'Tap a phone to see it',
  catalogId: '146265584024623',
  sections: [{ title: 'Phones', productRetailerIds: ids(2) }],
};

describe('multiProductMessage', () => {
  it('builds the Cloud API product_list shape', () => {
    const { payload, dropped } = multiProductMessage({
      header: 'Back to school',
      body: 'Everything for the first day',
      footer: 'Delivered by our retailers',
      catalogId: '146265584024623',
      sections: [
        { title: 'Bags', productRetailerIds: ['bag-1', 'bag-2'] },
        { title: 'Pens', productRetailerIds: ['pen-1'] },
      ],
    });
    expect(dropped).toEqual({ sections: 0, products: 0 });
    expect(JSON.parse(JSON.stringify(interactiveMessage('15551234567', payload)))).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '15551234567',
      type: 'interactive',
      interactive: {
        type: 'product_list',
        header: { type: 'text', text: 'Back to school' },
        body: { text: 'Everything for the first day' },
        footer: { text: 'Delivered by our retailers' },
        action: {
          catalog_id: '146265584024623',
          sections: [
            { title: 'Bags', product_items: [{ product_retailer_id: 'bag-1' }, { product_retailer_id: 'bag-2' }] },
            { title: 'Pens', product_items: [{ product_retailer_id: 'pen-1' }] },
          ],
        },
      },
    });
  });

  it('keeps 30 products and drops the 31st, counting across sections', () => {
    expect(multiProductMessage({ ...BASE, sections: [{ productRetailerIds: ids(30) }] }).dropped).toEqual({
      sections: 0,
      products: 0,
    });
    const one = multiProductMessage({ ...BASE, sections: [{ productRetailerIds: ids(31) }] });
    expect(one.dropped).toEqual({ sections: 0, products: 1 });
    expect(one.payload.action.sections[0].product_items.at(-1)).toEqual({ product_retailer_id: 'sku-29' });

    const several = multiProductMessage({
      ...BASE,
      sections: [
        { title: 'A', productRetailerIds: ids(20, 0) },
        { title: 'B', productRetailerIds: ids(11, 20) },
        { title: 'C', productRetailerIds: ids(1, 31) },
      ],
    });
    expect(several.payload.action.sections.map((section) => [section.title, section.product_items.length])).toEqual([
      ['A', 20],
      ['B', 10],
    ]);
    expect(several.dropped).toEqual({ sections: 1, products: 2 });
  });

  it('keeps 10 sections and drops the 11th', () => {
    const sections = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ title: `S${i}`, productRetailerIds: ids(1, i) }));
    expect(multiProductMessage({ ...BASE, sections: sections(10) }).dropped).toEqual({ sections: 0, products: 0 });
    const { payload, dropped } = multiProductMessage({ ...BASE, sections: sections(11) });
    expect(payload.action.sections).toHaveLength(10);
    expect(dropped).toEqual({ sections: 1, products: 1 });
  });

  const cases: [
    string,
    number,
    (text: string) => MultiProductMessageInput,
    (built: ReturnType<typeof multiProductMessage>) => string,
  ][] = [
    [
      'header',
      MULTI_PRODUCT_MESSAGE_LIMITS.headerText,
      (text) => ({ ...BASE, header: text }),
      ({ payload }) => payload.header.text,
    ],
    [
      'body',
      MULTI_PRODUCT_MESSAGE_LIMITS.bodyText,
      (text) => ({ ...BASE, body: text }),
      ({ payload }) => payload.body.text,
    ],
    [
      'footer',
      MULTI_PRODUCT_MESSAGE_LIMITS.footerText,
      (text) => ({ ...BASE, footer: text }),
      ({ payload }) => payload.footer!.text,
    ],
    [
      'section title',
      MULTI_PRODUCT_MESSAGE_LIMITS.sectionTitle,
      (text) => ({ ...BASE, sections: [{ title: text, productRetailerIds: ids(1) }] }),
      ({ payload }) => payload.action.sections[0].title!,
    ],
  ];

  it('has the documented limits', () => {
    expect(cases.map(([name, limit]) => [name, limit])).toEqual([
      ['header', 60],
      ['body', 1024],
      ['footer', 60],
      ['section title', 24],
    ]);
    expect(MULTI_PRODUCT_MESSAGE_LIMITS.sections).toBe(10);
    expect(MULTI_PRODUCT_MESSAGE_LIMITS.productsTotal).toBe(30);
  });

  describe.each(cases)('%s (limit %i)', (_name, limit, build, read) => {
    it.each(SCRIPT_UNITS)('keeps $name text at the limit whole and fits it just past', ({ unit }) => {
      const atLimit = textOfLength(unit, limit);
      expect(read(multiProductMessage(build(atLimit)))).toBe(atLimit);
      const past = textPast(unit, limit);
      expectCutWithEllipsis(read(multiProductMessage(build(past))), past, limit);
    });
  });

  it('requires a header', () => {
    expect(payloadError(() => multiProductMessage({ ...BASE, header: '' })).field).toBe('header');
    expect(payloadError(() => multiProductMessage({ ...BASE, header: ' \t ' })).field).toBe('header');
    expect(
      payloadError(() =>
        multiProductMessage({ ...(BASE as object), header: undefined } as unknown as MultiProductMessageInput),
      ).field,
    ).toBe('header');
  });

  it('requires section titles when there are several sections, not for one', () => {
    expect(
      multiProductMessage({ ...BASE, sections: [{ productRetailerIds: ids(3) }] }).payload.action.sections,
    ).toEqual([{ product_items: ids(3).map((id) => ({ product_retailer_id: id })) }]);
    const error = payloadError(() =>
      multiProductMessage({
        ...BASE,
        sections: [{ productRetailerIds: ids(1) }, { title: 'B', productRetailerIds: ids(1, 1) }],
      }),
    );
    expect(error.field).toBe('sections[0].title');
  });

  it('rejects no products, a blank or repeated product id, a blank catalog id or body', () => {
    expect(payloadError(() => multiProductMessage({ ...BASE, sections: [] })).field).toBe('sections');
    expect(payloadError(() => multiProductMessage({ ...BASE, sections: [{ productRetailerIds: [] }] })).field).toBe(
      'sections',
    );
    expect(
      payloadError(() => multiProductMessage({ ...BASE, sections: [{ productRetailerIds: ['a', ''] }] })).field,
    ).toBe('sections[0].productRetailerIds[1]');
    expect(
      payloadError(() =>
        multiProductMessage({
          ...BASE,
          sections: [
            { title: 'A', productRetailerIds: ['a'] },
            { title: 'B', productRetailerIds: ['a'] },
          ],
        }),
      ).field,
    ).toBe('sections[1].productRetailerIds[0]');
    expect(payloadError(() => multiProductMessage({ ...BASE, catalogId: ' ' })).field).toBe('catalogId');
    expect(payloadError(() => multiProductMessage({ ...BASE, body: '' })).field).toBe('body');
  });
});
