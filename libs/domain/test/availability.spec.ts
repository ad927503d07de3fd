import { AVAILABILITIES, metaAvailability, parseAvailability, parseCondition } from '#domain';

describe('parseAvailability', () => {
  it.each([
    ['in_stock', 'in_stock'],
    ['in stock', 'in_stock'],
    ['IN STOCK', 'in_stock'],
    [' In_Stock ', 'in_stock'],
    ['out_of_stock', 'out_of_stock'],
    ['out of stock', 'out_of_stock'],
    ['available for order', 'backorder'],
    ['Out Of Stock', 'out_of_stock'],
    ['preorder', 'preorder'],
    ['pre-order', 'preorder'],
    ['PRE ORDER', 'preorder'],
    ['backorder', 'backorder'],
    ['Back-Order', 'backorder'],
  ])('reads %j as %s', (text, availability) => {
    expect(parseAvailability(text)).toBe(availability);
  });

  it.each(['', 'available', 'limited availability', 'in stok', 'yes', 'discontinued'])(
    'knows nothing of %j',
    (text) => {
      expect(parseAvailability(text)).toBeNull();
    },
  );
});

describe('parseCondition', () => {
  it.each([
    ['new', 'new'],
    ['New', 'new'],
    [' REFURBISHED ', 'refurbished'],
    ['used', 'used'],
  ])('reads %j as %s', (text, condition) => {
    expect(parseCondition(text)).toBe(condition);
  });

  it.each(['', 'mint', 'second hand', 'new-ish'])('knows nothing of %j', (text) => {
    expect(parseCondition(text)).toBeNull();
  });
});

describe('metaAvailability', () => {
  it('writes each availability as Meta catalog feeds do, and reads back as the same', () => {
    expect(AVAILABILITIES.map((availability) => metaAvailability(availability))).toEqual([
      'in stock',
      'out of stock',
      'preorder',
      'available for order',
    ]);
    for (const availability of AVAILABILITIES)
      expect(parseAvailability(metaAvailability(availability))).toBe(availability);
  });
});
