import { normalizeGoogleItem, type GoogleItemFields, type GoogleItemOptions } from '#connector-sdk';
import type { NormalizedOffer, NormalizeResult } from '#domain';

const VALID: GoogleItemFields = {
  id: 'SKU-1',
  title: 'Blue running shoe',
  description: 'A light shoe for long runs.',
  link: 'https://shop.example/shoe',
  image_link: 'https://shop.example/shoe.jpg',
  availability: 'in_stock',
  price: '15.00 USD',
};

type Overrides = Record<string, string | readonly string[] | undefined>;

function normalize(overrides: Overrides = {}, options: GoogleItemOptions = {}): NormalizeResult {
  return normalizeGoogleItem({ ...VALID, ...overrides }, options);
}

/** The offer of an item that must be kept. */
function offerOf(overrides: Overrides = {}, options: GoogleItemOptions = {}): NormalizedOffer {
  const { offer, issues } = normalize(overrides, options);
  expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  return offer!;
}

/** The item is dropped with exactly one error, on `field`, whose message matches. */
function expectError(overrides: Overrides, field: string, message: RegExp): void {
  const result = normalize(overrides);
  expect(result.offer).toBeNull();
  const errors = result.issues.filter((issue) => issue.severity === 'error');
  expect(errors).toEqual([{ severity: 'error', field, message: expect.stringMatching(message) }]);
}

/** The item is kept with exactly one issue, a warning on `field`, whose message matches; returns the offer. */
function expectWarning(overrides: Overrides, field: string, message: RegExp, options = {}): NormalizedOffer {
  const result = normalize(overrides, options);
  expect(result.issues).toEqual([{ severity: 'warning', field, message: expect.stringMatching(message) }]);
  expect(result.offer).not.toBeNull();
  return result.offer!;
}

function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('normalizeGoogleItem: a complete item', () => {
  it('maps every attribute to the offer without issues', () => {
    const result = normalizeGoogleItem(
      {
        id: 'SKU-1',
        title: 'Blue running shoe',
        description: 'A light shoe.',
        link: 'https://shop.example/shoe',
        image_link: 'https://shop.example/shoe.jpg',
        additional_image_link: ['https://shop.example/shoe-2.jpg', 'https://shop.example/shoe-3.jpg'],
        availability: 'preorder',
        availability_date: '2025-03-01T10:00+0100',
        price: '15.00 USD',
        sale_price: '12.50 USD',
        sale_price_effective_date: '2025-03-01T00:00Z/2025-03-08T00:00Z',
        brand: 'Fleet',
        gtin: '036000291452',
        mpn: 'FL-100',
        condition: 'refurbished',
        product_type: 'Sports > Running > Shoes',
        google_product_category: '187',
        item_group_id: 'FL',
        color: 'Blue',
        size: '42',
        quantity: '7',
        content_language: 'en',
      },
      { defaultLanguage: 'nl' },
    );
    expect(result).toEqual({
      offer: {
        retailerItemId: 'SKU-1',
        title: 'Blue running shoe',
        description: 'A light shoe.',
        link: 'https://shop.example/shoe',
        imageLink: 'https://shop.example/shoe.jpg',
        additionalImageLinks: ['https://shop.example/shoe-2.jpg', 'https://shop.example/shoe-3.jpg'],
        availability: 'preorder',
        availabilityDate: '2025-03-01T09:00:00.000Z',
        price: { amountMinor: 1500, currency: 'USD' },
        salePrice: { amountMinor: 1250, currency: 'USD' },
        saleStartsAt: '2025-03-01T00:00:00.000Z',
        saleEndsAt: '2025-03-08T00:00:00.000Z',
        brand: 'Fleet',
        gtin: '00036000291452',
        mpn: 'FL-100',
        condition: 'refurbished',
        categoryPath: ['Sports', 'Running', 'Shoes'],
        googleProductCategory: '187',
        itemGroupId: 'FL',
        variantAttributes: { color: 'Blue', size: '42' },
        stockQuantity: 7,
        language: 'en',
      },
      issues: [],
    });
  });

  it('gives absent optional attributes their empty values without issues', () => {
    const result = normalize({ description: undefined });
    expect(result.issues).toEqual([]);
    expect(result.offer).toMatchObject({
      description: null,
      additionalImageLinks: [],
      availabilityDate: null,
      salePrice: null,
      saleStartsAt: null,
      saleEndsAt: null,
      brand: null,
      gtin: null,
      mpn: null,
      condition: 'new',
      categoryPath: [],
      googleProductCategory: null,
      itemGroupId: null,
      variantAttributes: {},
      stockQuantity: null,
      language: null,
    });
  });

  it('reports every error of an item at once', () => {
    const result = normalizeGoogleItem({ title: ' ', link: '/shoe', price: '15.00' }, {});
    expect(result.offer).toBeNull();
    const errors = result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.field);
    expect(errors).toEqual(['id', 'title', 'link', 'price']);
  });

  it('uses the first non-blank value of a repeated single attribute', () => {
    expect(offerOf({ title: ['', 'First title', 'Second title'] }).title).toBe('First title');
  });
});

describe('normalizeGoogleItem: id', () => {
  it.each([undefined, '', '   ', '\u0000\u0007'])('drops the item when id is %j', (id) => {
    expectError({ id }, 'id', /id is missing/);
  });

  it('drops the item when id is longer than OFFER_LIMITS.retailerItemId (200)', () => {
    expectError({ id: 'x'.repeat(201) }, 'id', /201 characters long; at most 200/);
    expect(offerOf({ id: 'x'.repeat(200) }).retailerItemId).toHaveLength(200);
  });

  it('trims the id and removes control characters, keeping inner spaces', () => {
    expect(offerOf({ id: ' \u0001SKU 1\u007f ' }).retailerItemId).toBe('SKU 1');
  });
});

describe('normalizeGoogleItem: title', () => {
  it.each([undefined, '', '   ', '<b> </b>', '<script>alert(1)</script>'])(
    'drops the item when title is %j',
    (title) => {
      expectError({ title }, 'title', /title is (missing|empty once its HTML is removed)/);
    },
  );

  it('removes HTML with a warning', () => {
    expect(expectWarning({ title: '<b>Blue</b> running &amp; trail shoe' }, 'title', /contained HTML/).title).toBe(
      'Blue running & trail shoe',
    );
  });

  it('removes control characters and collapses whitespace', () => {
    expect(offerOf({ title: '  Blue\u0000 running\n\tshoe\u0007  ' }).title).toBe('Blue running shoe');
  });

  it('cuts a 10,000-character title at a word boundary to at most 150 characters, with a warning', () => {
    const title = `${'shoe '.repeat(1999)}shoes`;
    expect(title).toHaveLength(10_000);
    const offer = expectWarning({ title }, 'title', /title was cut from 10000 to \d+ characters \(at most 150\)/);
    expect(offer.title.length).toBeLessThanOrEqual(150);
    expect(offer.title.length).toBeGreaterThan(140);
    expect(title.startsWith(offer.title)).toBe(true);
    expect(title.charAt(offer.title.length)).toBe(' ');
  });

  it('never cuts inside a surrogate pair or an emoji sequence', () => {
    // 149 letters then a flag (4 code units): the flag would straddle the limit.
    const title = `${'a'.repeat(149)}🇳🇱 and more`;
    const offer = expectWarning({ title }, 'title', /title was cut/);
    expect(offer.title).toBe('a'.repeat(149));
    // No spaces at all: a hard cut between whole characters.
    const family = '👨‍👩‍👧';
    const cut = offerOf({ title: family.repeat(100) }).title;
    expect(cut.length).toBeLessThanOrEqual(150);
    expect(cut).toBe(family.repeat(Math.floor(150 / family.length)));
    expect(hasLoneSurrogate(cut)).toBe(false);
  });

  it('keeps a multi-byte word whole at the cut', () => {
    const title = `${'日本語の靴 '.repeat(29)}とても軽い靴です`;
    const cut = offerOf({ title }).title;
    expect(cut.length).toBeLessThanOrEqual(150);
    expect(cut).toBe('日本語の靴 '.repeat(25).trimEnd());
  });
});

describe('normalizeGoogleItem: description', () => {
  it('drops <script>alert(1)</script> entirely, with a warning', () => {
    const offer = expectWarning(
      { description: 'Light shoe.<script>alert(1)</script>' },
      'description',
      /contained HTML/,
    );
    expect(offer.description).toBe('Light shoe.');
  });

  it('is null when nothing but a script remains', () => {
    expect(expectWarning({ description: '<script>alert(1)</script>' }, 'description', /HTML/).description).toBeNull();
  });

  it('drops style and iframe content and keeps links as their text only', () => {
    const description =
      '<style>p { color: red }</style><p>Light <a href="https://evil.example/">shoe</a>.</p>' +
      '<iframe src="https://evil.example/">frame text</iframe><p>Second   paragraph</p>';
    expect(offerOf({ description }).description).toBe('Light shoe.\n\nSecond paragraph');
  });

  it('converts HTML that the feed escaped twice', () => {
    expect(offerOf({ description: '&lt;p&gt;Light&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;' }).description).toBe(
      'Light',
    );
  });

  it('keeps plain text as written, with entities decoded and whitespace collapsed, without a warning', () => {
    const result = normalize({ description: '  Light   shoe &amp; sole.\r\n\r\n\r\n\r\nFor\u0000 runners.\u0007 ' });
    expect(result.issues).toEqual([]);
    expect(result.offer!.description).toBe('Light shoe & sole.\n\nFor runners.');
  });

  it('converts the HTML of a source whose descriptions are HTML by design without a warning, scripts still dropped', () => {
    const result = normalize(
      { description: '<p>Light <b>shoe</b>.</p><script>alert(1)</script>' },
      { descriptionIsHtml: true },
    );
    expect(result.issues).toEqual([]);
    expect(result.offer!.description).toBe('Light shoe.');
  });

  it('cuts at 5000 characters with a warning', () => {
    const offer = expectWarning(
      { description: 'word '.repeat(2000) },
      'description',
      /description was cut from 9999 to \d+ characters \(at most 5000\)/,
    );
    expect(offer.description!.length).toBeLessThanOrEqual(5000);
    expect(offer.description!.endsWith('word')).toBe(true);
  });
});

describe('normalizeGoogleItem: link', () => {
  it.each([
    [undefined, /link is missing/],
    ['', /link is missing/],
    ['/shoe', /not an absolute http\(s\) URL/],
    ['shop.example/shoe', /not an absolute http\(s\) URL/],
    ['ftp://shop.example/shoe', /not an absolute http\(s\) URL/],
    ['javascript:alert(1)', /not an absolute http\(s\) URL/],
    [`https://shop.example/${'a'.repeat(2000)}`, /at most 2000/],
  ])('drops the item when link is %j', (link, message) => {
    expectError({ link }, 'link', message);
  });

  it('accepts http and https URLs in their normalized form', () => {
    expect(offerOf({ link: ' HTTP://Shop.Example/a b ' }).link).toBe('http://shop.example/a%20b');
  });
});

describe('normalizeGoogleItem: price', () => {
  it.each([
    ['15.00 USD', 1500, 'USD'],
    ['15 EUR', 1500, 'EUR'],
    ['1500 JPY', 1500, 'JPY'],
    ['12.345 KWD', 12345, 'KWD'],
    ['USD 15.00', 1500, 'USD'],
    ['1,234.50 GBP', 123450, 'GBP'],
  ])('reads %j exactly', (price, amountMinor, currency) => {
    const result = normalize({ price });
    expect(result.issues).toEqual([]);
    expect(result.offer!.price).toEqual({ amountMinor, currency });
  });

  it.each([
    [undefined, /price is missing/],
    ['15.00', /"15.00" has no currency code/],
    ['15.00 usd', /has no currency code/],
    ['15.00 XYZ', /"XYZ" is not an ISO 4217 currency code/],
    ['-1.00 EUR', /negative/],
    ['abc EUR', /not a decimal number/],
    ['1e3 EUR', /exponent/],
    ['0.00 EUR', /is zero/],
  ])('drops the item when price is %j', (price, message) => {
    expectError({ price }, 'price', message);
  });

  it('rounds more decimals than the currency has half-even, with a warning', () => {
    const offer = expectWarning(
      { price: '12.345 EUR' },
      'price',
      /more decimals than EUR allows; rounded half-even to 12.34 EUR/,
    );
    expect(offer.price).toEqual({ amountMinor: 1234, currency: 'EUR' });
    expect(expectWarning({ price: '1500.5 JPY' }, 'price', /rounded/).price.amountMinor).toBe(1500);
  });
});

describe('normalizeGoogleItem: sale price', () => {
  it('keeps a sale price below the price, in the same currency', () => {
    expect(offerOf({ sale_price: '9.99 USD' }).salePrice).toEqual({ amountMinor: 999, currency: 'USD' });
  });

  it.each([
    ['12.00 EUR', /EUR is not the currency of price \(USD\)/],
    ['15.00 USD', /15.00 USD is not below price \(15.00 USD\)/],
    ['20.00 USD', /20.00 USD is not below price/],
    ['cheap USD', /not a decimal number/],
    ['9.99', /no currency code/],
    ['9.99 XYZ', /not an ISO 4217 currency code/],
    ['0 USD', /is zero/],
  ])('drops sale_price %j with a warning', (salePrice, message) => {
    const offer = expectWarning(
      { sale_price: salePrice, sale_price_effective_date: '2025-03-01/2025-03-08' },
      'sale_price',
      message,
    );
    expect(offer).toMatchObject({ salePrice: null, saleStartsAt: null, saleEndsAt: null });
  });

  it('rounds a sale price half-even with a warning', () => {
    expect(
      expectWarning({ sale_price: '9.995 USD' }, 'sale_price', /rounded half-even to 10.00 USD/).salePrice!.amountMinor,
    ).toBe(1000);
  });

  it('reads the sale window as two ISO 8601 times joined by "/"', () => {
    const offer = offerOf({
      sale_price: '9.99 USD',
      sale_price_effective_date: '2025-03-01T11:07:31+0100/2025-03-08T23:07:31+0100',
    });
    expect(offer).toMatchObject({ saleStartsAt: '2025-03-01T10:07:31.000Z', saleEndsAt: '2025-03-08T22:07:31.000Z' });
  });

  it.each([
    ['2025-03-01', /not two ISO 8601 times/],
    ['soon/later', /not two ISO 8601 times/],
    ['2025-02-30/2025-03-08', /not two ISO 8601 times/],
    ['2025-03-01/2025-03-08/2025-03-09', /not two ISO 8601 times/],
    ['2025-03-08/2025-03-01', /ends before it starts/],
  ])(
    'drops the sale price with its unreadable window %j, with a warning (a sale must not run forever)',
    (window, message) => {
      const offer = expectWarning(
        { sale_price: '9.99 USD', sale_price_effective_date: window },
        'sale_price_effective_date',
        message,
      );
      expect(offer).toMatchObject({ salePrice: null, saleStartsAt: null, saleEndsAt: null });
    },
  );
});

describe('normalizeGoogleItem: GTIN', () => {
  it('keeps a valid GTIN as 14 digits', () => {
    expect(offerOf({ gtin: '4006381333931' }).gtin).toBe('04006381333931');
  });

  it.each([
    ['4006381333932', /check digit is 2 but should be 1/],
    ['12345', /8, 12, 13 or 14 digits/],
    ['40063813339AB', /only digits/],
    ['00000000', /all zeros/],
  ])('drops GTIN %j with a warning naming the reason, keeping the offer', (gtin, reason) => {
    expect(expectWarning({ gtin }, 'gtin', reason).gtin).toBeNull();
  });
});

describe('normalizeGoogleItem: images', () => {
  it('warns when image_link is missing', () => {
    expect(expectWarning({ image_link: undefined }, 'image_link', /missing/).imageLink).toBeNull();
  });

  it.each(['shoe.jpg', 'data:image/png;base64,AAAA', `https://shop.example/${'a'.repeat(2000)}.jpg`])(
    'drops image_link %j with a warning',
    (imageLink) => {
      expect(expectWarning({ image_link: imageLink }, 'image_link', /dropped/).imageLink).toBeNull();
    },
  );

  it('splits one comma-separated string of additional images (TSV), keeping %2C inside URLs', () => {
    const offer = offerOf({
      additional_image_link: 'https://shop.example/a.jpg, https://shop.example/b%2Cc.jpg,https://shop.example/d.jpg,',
    });
    expect(offer.additionalImageLinks).toEqual([
      'https://shop.example/a.jpg',
      'https://shop.example/b%2Cc.jpg',
      'https://shop.example/d.jpg',
    ]);
  });

  it('does not split at commas inside a URL', () => {
    const url = 'https://res.cloudinary.example/image/upload/w_400,h_400/shoe.jpg';
    expect(offerOf({ additional_image_link: [url, 'https://shop.example/b.jpg'] }).additionalImageLinks).toEqual([
      url,
      'https://shop.example/b.jpg',
    ]);
  });

  it('drops an invalid additional image with a warning and keeps the others', () => {
    const offer = expectWarning(
      { additional_image_link: ['https://shop.example/a.jpg', 'b.jpg'] },
      'additional_image_link',
      /"b.jpg" is not an absolute http\(s\) URL/,
    );
    expect(offer.additionalImageLinks).toEqual(['https://shop.example/a.jpg']);
  });

  it('keeps the first 10 of more additional images, with a warning', () => {
    const urls = Array.from({ length: 12 }, (_, i) => `https://shop.example/${i}.jpg`);
    const offer = expectWarning(
      { additional_image_link: urls },
      'additional_image_link',
      /12 additional images; only the first 10/,
    );
    expect(offer.additionalImageLinks).toEqual(urls.slice(0, 10));
  });
});

describe('normalizeGoogleItem: availability and condition', () => {
  it.each([
    ['in stock', 'in_stock'],
    ['OUT_OF_STOCK', 'out_of_stock'],
    ['Pre-Order', 'preorder'],
    ['backorder', 'backorder'],
  ])('reads availability %j as %s', (availability, expected) => {
    expect(offerOf({ availability }).availability).toBe(expected);
  });

  it.each([
    [undefined, /availability is missing; the item is treated as out_of_stock/],
    ['available soon', /availability "available soon" is unknown; the item is treated as out_of_stock/],
  ])('treats availability %j as out_of_stock with a warning', (availability, message) => {
    expect(expectWarning({ availability }, 'availability', message).availability).toBe('out_of_stock');
  });

  it('reads availability_date, and drops one that is not ISO 8601 with a warning', () => {
    expect(offerOf({ availability_date: '2025-03-01' }).availabilityDate).toBe('2025-03-01T00:00:00.000Z');
    expect(
      expectWarning({ availability_date: 'next week' }, 'availability_date', /not an ISO 8601 date/).availabilityDate,
    ).toBeNull();
  });

  it('reads condition in any case', () => {
    expect(offerOf({ condition: 'Used' }).condition).toBe('used');
  });

  it('treats an unknown condition as new with a warning', () => {
    expect(
      expectWarning({ condition: 'mint' }, 'condition', /"mint" is unknown; the item is treated as new/).condition,
    ).toBe('new');
  });
});

describe('normalizeGoogleItem: quantity', () => {
  it.each([
    ['0', 0],
    [' 12 ', 12],
  ])('reads quantity %j as %i', (quantity, expected) => {
    expect(offerOf({ quantity }).stockQuantity).toBe(expected);
  });

  it.each(['-1', '2.5', 'many', '1e3', '99999999999999999999'])('drops quantity %j with a warning', (quantity) => {
    expect(expectWarning({ quantity }, 'quantity', /not a whole number of 0 or more/).stockQuantity).toBeNull();
  });
});

describe('normalizeGoogleItem: product_type and other texts', () => {
  it('splits product_type on ">", trimming levels and removing empty ones', () => {
    expect(offerOf({ product_type: ' Home >  Garden > > Tools >' }).categoryPath).toEqual(['Home', 'Garden', 'Tools']);
  });

  it('keeps at most 10 levels, with a warning', () => {
    const levels = Array.from({ length: 12 }, (_, i) => `L${i}`);
    const offer = expectWarning({ product_type: levels.join(' > ') }, 'product_type', /12 levels; only the first 10/);
    expect(offer.categoryPath).toEqual(levels.slice(0, 10));
  });

  it('cuts a level to 200 characters, with a warning', () => {
    const offer = expectWarning(
      { product_type: `Home > ${'garden '.repeat(40)}` },
      'product_type',
      /cut from 279 to \d+ characters \(at most 200\)/,
    );
    expect(offer.categoryPath[1].length).toBeLessThanOrEqual(200);
  });

  it('cuts brand to 100 characters, with a warning', () => {
    const offer = expectWarning({ brand: 'Fleet '.repeat(30) }, 'brand', /at most 100/);
    expect(offer.brand!.length).toBeLessThanOrEqual(100);
  });

  it.each([
    ['mpn', 71],
    ['item_group_id', 201],
    ['google_product_category', 501],
  ])('drops %s over its limit rather than cutting it, with a warning', (field, length) => {
    const offer = expectWarning(
      { [field]: 'x'.repeat(length) },
      field,
      new RegExp(`${length} characters long .* dropped`),
    );
    expect(offer).toMatchObject({ mpn: null, itemGroupId: null, googleProductCategory: null });
  });

  it('collects color, size, material, pattern, gender and age_group as trimmed one-line variant attributes', () => {
    const offer = offerOf({
      color: ' Navy\nBlue ',
      size: 'XL',
      material: 'Cotton',
      pattern: 'Striped',
      gender: 'unisex',
      age_group: 'adult',
      shipping: 'NL:::4.95 EUR',
    });
    expect(offer.variantAttributes).toEqual({
      color: 'Navy Blue',
      size: 'XL',
      material: 'Cotton',
      pattern: 'Striped',
      gender: 'unisex',
      age_group: 'adult',
    });
  });

  it('cuts a variant value to 100 characters, with a warning', () => {
    const offer = expectWarning({ size: 'large '.repeat(20) }, 'size', /at most 100/);
    expect(offer.variantAttributes.size.length).toBeLessThanOrEqual(100);
  });
});

describe('normalizeGoogleItem: language', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
  ])('reads content_language %j as %s', (language, expected) => {
    expect(offerOf({ content_language: language }, { defaultLanguage: 'nl' }).language).toBe(expected);
  });

  it('falls back to options.defaultLanguage, then null', () => {
    expect(offerOf({}, { defaultLanguage: 'NL' }).language).toBe('nl');
    expect(offerOf({}, { defaultLanguage: null }).language).toBeNull();
    expect(offerOf({}, {}).language).toBeNull();
  });

  it('warns about a content_language that is not a 2-letter code and uses the default', () => {
    expect(
      expectWarning({ content_language: 'english' }, 'content_language', /default language \(nl\)/, {
        defaultLanguage: 'nl',
      }).language,
    ).toBe('nl');
  });
});

describe('normalizeGoogleItem: issues', () => {
  it('names the Google attribute in every issue', () => {
    const result = normalize({
      title: `<b>${'long '.repeat(40)}</b>`,
      description: '<p>x</p>',
      image_link: 'nope',
      additional_image_link: 'nope',
      availability: 'maybe',
      availability_date: 'soon',
      price: '12.345 EUR',
      sale_price: '20.00 EUR',
      gtin: '1',
      condition: 'mint',
      quantity: 'many',
      product_type: Array.from({ length: 11 }, () => 'x').join('>'),
      brand: 'b'.repeat(101),
      mpn: 'm'.repeat(71),
      content_language: 'english',
    });
    expect(result.offer).not.toBeNull();
    expect(result.issues.every((issue) => issue.severity === 'warning')).toBe(true);
    expect(new Set(result.issues.map((issue) => issue.field))).toEqual(
      new Set([
        'title',
        'description',
        'image_link',
        'additional_image_link',
        'availability',
        'availability_date',
        'price',
        'sale_price',
        'gtin',
        'condition',
        'quantity',
        'product_type',
        'brand',
        'mpn',
        'content_language',
      ]),
    );
  });
});

describe('normalizeGoogleItem: variant attributes named by the source', () => {
  it('keeps them by their lowercased one-line names beside the Google attributes', () => {
    const offer = offerOf({ color: 'Blue' }, { variantAttributes: { 'Strap  Length': ' 42\n cm ', Size: 'M' } });
    expect(offer.variantAttributes).toEqual({ color: 'Blue', 'strap length': '42 cm', size: 'M' });
  });

  it("lets the item's own Google attribute win over one the source names the same, and drops blank ones", () => {
    const offer = offerOf({ color: 'Blue' }, { variantAttributes: { Color: 'Navy', Finish: '  ', '': 'Matte' } });
    expect(offer.variantAttributes).toEqual({ color: 'Blue' });
  });

  it('cuts a value over 100 characters with a warning naming the attribute', () => {
    const offer = expectWarning(
      {},
      'variant:engraving',
      /variant:engraving was cut from 150 to \d+ characters \(at most 100\)/,
      { variantAttributes: { Engraving: 'x'.repeat(150) } },
    );
    expect(offer.variantAttributes.engraving!.length).toBeLessThanOrEqual(100);
  });

  it('keeps at most 20 attributes and says which were dropped', () => {
    const many = Object.fromEntries(
      Array.from({ length: 22 }, (_, index) => [`option ${String(index).padStart(2, '0')}`, `value ${index}`]),
    );
    const result = normalize({}, { variantAttributes: many });
    expect(Object.keys(result.offer!.variantAttributes)).toHaveLength(20);
    expect(result.issues.map((issue) => issue.field)).toEqual(['variant:option 20', 'variant:option 21']);
  });
});
