import { interactiveMessage, listMessage, multiProductMessage, replyButtons } from '#domain';
import { FeedServer, feedItems, rssFeed } from '../../../test/support/feed-server.js';
import type { WhatsAppSandbox } from '../src/whatsapp-sandbox.js';
import { CATALOG_ID, USER, interactive, send, startSandbox, text } from './whatsapp-fixtures.js';

const x = (length: number) => 'x'.repeat(length);

function buttons(count: number, title = (n: number) => `Option ${n}`, id = (n: number) => `opt-${n}`) {
  return {
    type: 'button',
    body: { text: 'Pick one' },
    action: {
      buttons: Array.from({ length: count }, (_, n) => ({ type: 'reply', reply: { id: id(n), title: title(n) } })),
    },
  };
}

function list(
  sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[],
  extra: Record<string, unknown> = {},
) {
  return { type: 'list', body: { text: 'Results' }, action: { button: 'See results', sections }, ...extra };
}

function rows(count: number, from = 0) {
  return Array.from({ length: count }, (_, n) => ({ id: `row-${from + n}`, title: `Row ${from + n}` }));
}

function productList(sections: { title?: string; ids: string[] }[], extra: Record<string, unknown> = {}) {
  return {
    type: 'product_list',
    header: { type: 'text', text: 'Coffee' },
    body: { text: 'Our beans' },
    action: {
      catalog_id: CATALOG_ID,
      sections: sections.map((section) => ({
        ...(section.title ? { title: section.title } : {}),
        product_items: section.ids.map((id) => ({ product_retailer_id: id })),
      })),
    },
    ...extra,
  };
}

const skus = (count: number, from = 0) => Array.from({ length: count }, (_, n) => `SKU-${from + n}`);

describe('send API payload checks', () => {
  let sandbox: WhatsAppSandbox;
  const feed = new FeedServer();

  beforeAll(async () => {
    feed.setBody(rssFeed(feedItems(40)));
    sandbox = await startSandbox({
      catalogFeedUrl: await feed.start(),
      templates: [
        'order_update',
        { name: 'shipped', languages: ['en_US', 'nl'], body: 'Order {{1}} is on its way: {{2}}' },
      ],
    });
    // Free-form messages need the user's message of the last 24 hours.
    await sandbox.userSends(USER, 'Hi');
  });
  afterAll(async () => {
    await sandbox.close();
    await feed.stop();
  });

  async function accepted(body: unknown): Promise<void> {
    const answer = await send(sandbox, body);
    expect(answer.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: USER, wa_id: USER }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    expect(answer.status).toBe(200);
  }

  async function refused(body: unknown, code: number, details: RegExp | string, status = 400): Promise<void> {
    const answer = await send(sandbox, body);
    expect(answer.body).toEqual({
      error: {
        message: expect.stringMatching(new RegExp(`^\\(#${code}\\) `)),
        type: 'OAuthException',
        code,
        error_data: {
          messaging_product: 'whatsapp',
          details: typeof details === 'string' ? details : expect.stringMatching(details),
        },
        fbtrace_id: expect.stringMatching(/^[A-Za-z0-9_-]{10,}$/),
      },
    });
    expect(answer.status).toBe(status);
  }

  describe('every message', () => {
    it("answers Meta's messages for the three main codes", async () => {
      const missing = await send(sandbox, {
        recipient_type: 'individual',
        to: USER,
        type: 'text',
        text: { body: 'Hi' },
      });
      expect(missing.body.error.message).toBe('(#131008) Required parameter is missing');
      const invalid = await send(sandbox, text(x(4097)));
      expect(invalid.body.error.message).toBe('(#131009) Parameter value is not valid');
      const unsupported = await send(sandbox, {
        messaging_product: 'whatsapp',
        to: USER,
        type: 'hologram',
        hologram: {},
      });
      expect(unsupported.body.error.message).toBe('(#131051) Unsupported message type');
    });

    it('requires messaging_product "whatsapp", a phone number in to, and refuses keys the API does not read', async () => {
      await refused({ to: USER, type: 'text', text: { body: 'Hi' } }, 131008, 'messaging_product is required');
      await refused(
        { ...text('Hi'), messaging_product: 'sms' },
        131009,
        /^messaging_product must be one of "whatsapp"/,
      );
      await refused({ messaging_product: 'whatsapp', type: 'text', text: { body: 'Hi' } }, 131008, 'to is required');
      await refused(text('Hi', 'call me'), 131009, /^to "call me" is not a phone number/);
      await refused(
        { ...text('Hi'), recipient_type: 'everyone' },
        131009,
        /^recipient_type must be one of "individual"/,
      );
      await refused({ ...text('Hi'), txt: { body: 'Hi' } }, 100, 'Unexpected key "txt" on param "body"');
      await refused({ ...text('Hi'), text: { body: 'Hi', bold: true } }, 100, 'Unexpected key "bold" on param "text"');
      await refused(
        { messaging_product: 'whatsapp', to: USER, type: 'hologram' },
        131051,
        /^type "hologram" is not a message type/,
      );
    });

    it('takes a phone number with + and spaces, answering with it as input and the digits as wa_id', async () => {
      const answer = await send(sandbox, text('Hi', '+31 6 1234 5678'));
      expect(answer.body.contacts).toEqual([{ input: '+31 6 1234 5678', wa_id: USER }]);
    });

    it('sends text when type is left out, as the Cloud API does', async () => {
      await accepted({ messaging_product: 'whatsapp', to: USER, text: { body: 'No type' } });
    });

    it('checks context.message_id of a reply', async () => {
      await accepted({ ...text('Quoted'), context: { message_id: 'wamid.ABC' } });
      await refused({ ...text('Quoted'), context: {} }, 131008, 'context.message_id is required');
    });
  });

  describe('text', () => {
    it('takes a body of 4096 characters and refuses 4097', async () => {
      await accepted(text(x(4096)));
      await refused(text(x(4097)), 131009, 'text.body is 4097 characters long; at most 4096 are allowed');
    });

    it('counts characters, not UTF-16 units: 4096 emoji pass', async () => {
      await accepted(text('😀'.repeat(4096)));
    });

    it('requires a body and takes preview_url as a boolean', async () => {
      await refused({ ...text('Hi'), text: {} }, 131008, 'text.body is required');
      await refused({ ...text('Hi'), text: { body: '   ' } }, 131009, 'text.body must not be empty');
      await accepted({ ...text('https://souk.example'), text: { body: 'https://souk.example', preview_url: true } });
      await refused(
        { ...text('Hi'), text: { body: 'Hi', preview_url: 'yes' } },
        131009,
        'text.preview_url must be true or false',
      );
    });
  });

  describe('image', () => {
    const image = (fields: Record<string, unknown>) => ({
      messaging_product: 'whatsapp',
      to: USER,
      type: 'image',
      image: fields,
    });

    it('takes a link or an id, and a caption of up to 1024 characters', async () => {
      await accepted(image({ link: 'https://shop.example/i/1.jpg', caption: x(1024) }));
      await accepted(image({ id: '1479537139650973' }));
      await refused(
        image({ link: 'https://shop.example/i/1.jpg', caption: x(1025) }),
        131009,
        'image.caption is 1025 characters long; at most 1024 are allowed',
      );
    });

    it('refuses neither or both of link and id, and a link that is not http(s)', async () => {
      await refused(image({ caption: 'Hi' }), 131008, 'image.link or image.id is required');
      await refused(
        image({ link: 'https://shop.example/i/1.jpg', id: '1' }),
        131009,
        'image must have either link or id, not both',
      );
      await refused(
        image({ link: 'ftp://shop.example/i/1.jpg' }),
        131009,
        'image.link must be an absolute http or https URL',
      );
    });
  });

  describe('reply buttons', () => {
    it('takes 1 to 3 buttons', async () => {
      await accepted(interactive(buttons(1)));
      await accepted(interactive(buttons(3)));
      await refused(interactive(buttons(4)), 131009, 'interactive.action.buttons has 4 buttons; at most 3 are allowed');
      await refused(
        interactive(buttons(0)),
        131009,
        'interactive.action.buttons has 0 buttons; at least 1 is required',
      );
    });

    it('takes titles of 20 characters and ids of 256, not one more', async () => {
      await accepted(
        interactive(
          buttons(
            2,
            (n) => `${n}${x(19)}`,
            (n) => `${n}${x(255)}`,
          ),
        ),
      );
      await refused(
        interactive(buttons(1, () => x(21))),
        131009,
        'interactive.action.buttons[0].reply.title is 21 characters long; at most 20 are allowed',
      );
      await refused(
        interactive(buttons(1, undefined, () => x(257))),
        131009,
        'interactive.action.buttons[0].reply.id is 257 characters long; at most 256 are allowed',
      );
    });

    it('refuses repeated ids and repeated titles', async () => {
      await refused(
        interactive(
          buttons(
            2,
            (n) => `Title ${n}`,
            () => 'same',
          ),
        ),
        131009,
        /^interactive\.action\.buttons\[1\]\.reply\.id repeats the button id "same"/,
      );
      await refused(
        interactive(
          buttons(
            2,
            () => 'Same',
            (n) => `id-${n}`,
          ),
        ),
        131009,
        /^interactive\.action\.buttons\[1\]\.reply\.title repeats the button title "Same"/,
      );
    });

    it('takes a body of 1024, a text header and a footer of 60', async () => {
      await accepted(
        interactive({
          ...buttons(1),
          header: { type: 'text', text: x(60) },
          body: { text: x(1024) },
          footer: { text: x(60) },
        }),
      );
      await refused(
        interactive({ ...buttons(1), body: { text: x(1025) } }),
        131009,
        'interactive.body.text is 1025 characters long; at most 1024 are allowed',
      );
      await refused(
        interactive({ ...buttons(1), header: { type: 'text', text: x(61) } }),
        131009,
        'interactive.header.text is 61 characters long; at most 60 are allowed',
      );
      await refused(
        interactive({ ...buttons(1), footer: { text: x(61) } }),
        131009,
        'interactive.footer.text is 61 characters long; at most 60 are allowed',
      );
    });

    it('takes image, video and document headers, and requires a body', async () => {
      await accepted(
        interactive({ ...buttons(1), header: { type: 'image', image: { link: 'https://shop.example/i/1.jpg' } } }),
      );
      await accepted(
        interactive({ ...buttons(1), header: { type: 'document', document: { id: '55', filename: 'receipt.pdf' } } }),
      );
      await refused(
        interactive({
          ...buttons(1),
          header: { type: 'image', image: { link: 'https://shop.example/i/1.jpg', caption: 'no' } },
        }),
        100,
        'Unexpected key "caption" on param "interactive.header.image"',
      );
      await refused(
        interactive({ ...buttons(1), header: { type: 'sticker' } }),
        131009,
        /^interactive\.header\.type must be one of "text", "image", "video", "document"/,
      );
      const { body: _body, ...withoutBody } = buttons(1);
      await refused(interactive(withoutBody), 131008, 'interactive.body is required');
    });
  });

  describe('list messages', () => {
    it('takes a button label of 20 characters, not 21', async () => {
      await accepted(
        interactive({ ...list([{ rows: rows(1) }]), action: { button: x(20), sections: [{ rows: rows(1) }] } }),
      );
      await refused(
        interactive({ ...list([{ rows: rows(1) }]), action: { button: x(21), sections: [{ rows: rows(1) }] } }),
        131009,
        'interactive.action.button is 21 characters long; at most 20 are allowed',
      );
    });

    it('takes up to 10 sections and 10 rows in all', async () => {
      await accepted(
        interactive(list(Array.from({ length: 10 }, (_, n) => ({ title: `Section ${n}`, rows: rows(1, n) })))),
      );
      await refused(
        interactive(list(Array.from({ length: 11 }, (_, n) => ({ title: `Section ${n}`, rows: rows(1, n) })))),
        131009,
        'interactive.action.sections has 11 sections; at most 10 are allowed',
      );
      await accepted(
        interactive(
          list([
            { title: 'A', rows: rows(5) },
            { title: 'B', rows: rows(5, 5) },
          ]),
        ),
      );
      await refused(
        interactive(
          list([
            { title: 'A', rows: rows(5) },
            { title: 'B', rows: rows(6, 5) },
          ]),
        ),
        131009,
        'interactive.action.sections have 11 rows in total; at most 10 are allowed',
      );
      await refused(
        interactive(list([{ rows: rows(11) }])),
        131009,
        'interactive.action.sections[0].rows has 11 rows; at most 10 are allowed',
      );
      await refused(
        interactive(list([])),
        131009,
        'interactive.action.sections has 0 sections; at least 1 is required',
      );
    });

    it('takes row titles of 24, descriptions of 72 and ids of 200 characters', async () => {
      await accepted(interactive(list([{ rows: [{ id: x(200), title: x(24), description: x(72) }] }])));
      await refused(
        interactive(list([{ rows: [{ id: 'a', title: x(25) }] }])),
        131009,
        'interactive.action.sections[0].rows[0].title is 25 characters long; at most 24 are allowed',
      );
      await refused(
        interactive(list([{ rows: [{ id: 'a', title: 'A', description: x(73) }] }])),
        131009,
        'interactive.action.sections[0].rows[0].description is 73 characters long; at most 72 are allowed',
      );
      await refused(
        interactive(list([{ rows: [{ id: x(201), title: 'A' }] }])),
        131009,
        'interactive.action.sections[0].rows[0].id is 201 characters long; at most 200 are allowed',
      );
    });

    it('refuses a row id used twice, also across sections', async () => {
      await refused(
        interactive(
          list([
            { title: 'A', rows: [{ id: 'same', title: 'One' }] },
            { title: 'B', rows: [{ id: 'same', title: 'Two' }] },
          ]),
        ),
        131009,
        /^interactive\.action\.sections\[1\]\.rows\[0\]\.id repeats the row id "same"/,
      );
    });

    it('requires section titles of up to 24 characters when there is more than one section', async () => {
      await accepted(interactive(list([{ rows: rows(2) }])));
      await refused(
        interactive(list([{ title: 'A', rows: rows(1) }, { rows: rows(1, 1) }])),
        131008,
        'interactive.action.sections[1].title is required',
      );
      await accepted(
        interactive(
          list([
            { title: x(24), rows: rows(1) },
            { title: 'B', rows: rows(1, 1) },
          ]),
        ),
      );
      await refused(
        interactive(
          list([
            { title: x(25), rows: rows(1) },
            { title: 'B', rows: rows(1, 1) },
          ]),
        ),
        131009,
        'interactive.action.sections[0].title is 25 characters long; at most 24 are allowed',
      );
    });

    it('requires a body and allows only a text header', async () => {
      await refused(
        interactive({ type: 'list', action: { button: 'See', sections: [{ rows: rows(1) }] } }),
        131008,
        'interactive.body is required',
      );
      await refused(
        interactive(
          list([{ rows: rows(1) }], { header: { type: 'image', image: { link: 'https://shop.example/i/1.jpg' } } }),
        ),
        131009,
        /^interactive\.header\.type must be one of "text"/,
      );
      await accepted(
        interactive(
          list([{ rows: rows(1) }], {
            header: { type: 'text', text: x(60) },
            footer: { text: x(60) },
            body: { text: x(4096) },
          }),
        ),
      );
    });
  });

  describe('single-product messages (catalog from a local feed server)', () => {
    const product = (id: string, extra: Record<string, unknown> = {}) => ({
      type: 'product',
      action: { catalog_id: CATALOG_ID, product_retailer_id: id },
      ...extra,
    });

    it('takes a product of the connected catalog, with or without body and footer', async () => {
      await accepted(interactive(product('SKU-7')));
      await accepted(interactive(product('SKU-7', { body: { text: x(1024) }, footer: { text: x(60) } })));
      await refused(
        interactive(product('SKU-7', { body: { text: x(1025) } })),
        131009,
        'interactive.body.text is 1025 characters long; at most 1024 are allowed',
      );
    });

    it('refuses a product that is not in the feed, naming it', async () => {
      await refused(
        interactive(product('SKU-999')),
        131009,
        'Products not found in FB Catalog: "SKU-999" (interactive.action.product_retailer_id)',
      );
    });

    it('refuses another catalog and a header', async () => {
      await refused(
        interactive({ type: 'product', action: { catalog_id: '42', product_retailer_id: 'SKU-1' } }),
        131009,
        'interactive.action.catalog_id "42" is not a catalog connected to this phone number',
      );
      await refused(
        interactive(product('SKU-1', { header: { type: 'text', text: 'Hi' } })),
        131009,
        'interactive.header is not allowed in a product message',
      );
      await refused(
        interactive({ type: 'product', action: { catalog_id: CATALOG_ID } }),
        131008,
        'interactive.action.product_retailer_id is required',
      );
    });
  });

  describe('multi-product messages', () => {
    it('takes 30 products in all and refuses 31', async () => {
      await accepted(
        interactive(
          productList([
            { title: 'Light', ids: skus(15) },
            { title: 'Dark', ids: skus(15, 15) },
          ]),
        ),
      );
      await refused(
        interactive(
          productList([
            { title: 'Light', ids: skus(15) },
            { title: 'Dark', ids: skus(16, 15) },
          ]),
        ),
        131009,
        'interactive.action.sections have 31 products in total; at most 30 are allowed',
      );
    });

    it('takes 1 to 10 sections, titled when there are several', async () => {
      await accepted(interactive(productList([{ ids: skus(3) }])));
      await accepted(
        interactive(productList(Array.from({ length: 10 }, (_, n) => ({ title: `Shelf ${n}`, ids: [`SKU-${n}`] })))),
      );
      await refused(
        interactive(productList(Array.from({ length: 11 }, (_, n) => ({ title: `Shelf ${n}`, ids: [`SKU-${n}`] })))),
        131009,
        'interactive.action.sections has 11 sections; at most 10 are allowed',
      );
      await refused(
        interactive(productList([{ title: 'Light', ids: skus(1) }, { ids: skus(1, 1) }])),
        131008,
        'interactive.action.sections[1].title is required',
      );
      await refused(
        interactive(
          productList([
            { title: x(25), ids: skus(1) },
            { title: 'Dark', ids: skus(1, 1) },
          ]),
        ),
        131009,
        'interactive.action.sections[0].title is 25 characters long; at most 24 are allowed',
      );
    });

    it('requires a text header and a body', async () => {
      const { header: _header, ...withoutHeader } = productList([{ ids: skus(1) }]);
      await refused(interactive(withoutHeader), 131008, 'interactive.header is required');
      const { body: _body, ...withoutBody } = productList([{ ids: skus(1) }]);
      await refused(interactive(withoutBody), 131008, 'interactive.body is required');
      await refused(
        interactive(productList([{ ids: skus(1) }], { header: { type: 'text', text: x(61) } })),
        131009,
        'interactive.header.text is 61 characters long; at most 60 are allowed',
      );
    });

    it('names every product that is not in the feed, and refuses a product listed twice', async () => {
      await refused(
        interactive(
          productList([
            { title: 'A', ids: ['SKU-1', 'NOPE-1'] },
            { title: 'B', ids: ['NOPE-2'] },
          ]),
        ),
        131009,
        'Products not found in FB Catalog: "NOPE-1" (interactive.action.sections[0].product_items[1].product_retailer_id), "NOPE-2" (interactive.action.sections[1].product_items[0].product_retailer_id)',
      );
      await refused(
        interactive(
          productList([
            { title: 'A', ids: ['SKU-1'] },
            { title: 'B', ids: ['SKU-1'] },
          ]),
        ),
        131009,
        /repeats the product_retailer_id "SKU-1"/,
      );
    });

    it('reads the feed again on refresh, so a product added later can be sent', async () => {
      await refused(interactive(productList([{ ids: ['SKU-45'] }])), 131009, /SKU-45/);
      feed.setBody(rssFeed(feedItems(50)));
      await sandbox.refreshCatalog();
      await accepted(interactive(productList([{ ids: ['SKU-45'] }])));
    });
  });

  describe('CTA URL buttons', () => {
    it('takes display text of 20 characters and an http(s) URL', async () => {
      const cta = (displayText: string, url = 'https://track.example/1') => ({
        type: 'cta_url',
        body: { text: 'Your parcel' },
        action: { name: 'cta_url', parameters: { display_text: displayText, url } },
      });
      await accepted(interactive(cta(x(20))));
      await refused(
        interactive(cta(x(21))),
        131009,
        'interactive.action.parameters.display_text is 21 characters long; at most 20 are allowed',
      );
      await refused(
        interactive(cta('Track', 'javascript:alert(1)')),
        131009,
        'interactive.action.parameters.url must be an absolute http or https URL',
      );
    });
  });

  describe("payloads made by Souk's own builders (#domain)", () => {
    const long = 'Koffiebonen donkere branding 😀 '.repeat(200);

    it('pass with texts fitted and lists, buttons and products capped to the limits', async () => {
      const list = listMessage({
        header: long,
        body: long,
        footer: long,
        buttonLabel: long,
        sections: [
          {
            title: long,
            rows: Array.from({ length: 6 }, (_, n) => ({ id: `p:${n}`, title: long, description: long })),
          },
          {
            title: long,
            rows: Array.from({ length: 6 }, (_, n) => ({ id: `q:${n}`, title: long, description: long })),
          },
        ],
      });
      expect(list.dropped.rows).toBe(2);
      await accepted(interactiveMessage(USER, list.payload));
      const buttonsMessage = replyButtons({
        header: long,
        body: long,
        footer: long,
        buttons: Array.from({ length: 4 }, (_, n) => ({ id: `b:${n}`, title: `${n} ${long}` })),
      });
      await accepted(interactiveMessage(USER, buttonsMessage.payload));
      const products = multiProductMessage({
        header: long,
        body: long,
        footer: long,
        catalogId: CATALOG_ID,
        sections: [
          { title: long, productRetailerIds: skus(20) },
          { title: 'More', productRetailerIds: skus(15, 20) },
        ],
      });
      expect(products.dropped.products).toBe(5);
      await accepted(interactiveMessage(USER, products.payload));
    });
  });

  describe('templates', () => {
    const template = (fields: Record<string, unknown>) => ({
      messaging_product: 'whatsapp',
      to: USER,
      type: 'template',
      template: fields,
    });

    it('takes a configured template, answering with message_status accepted', async () => {
      const answer = await send(sandbox, template({ name: 'order_update', language: { code: 'en_US' } }));
      expect(answer.status).toBe(200);
      expect(answer.body.messages).toEqual([{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }]);
    });

    it('answers 132001 for a name the account does not have, or a language it is not in', async () => {
      await refused(
        template({ name: 'welcome', language: { code: 'en_US' } }),
        132001,
        'template name (welcome) does not exist in en_US',
        404,
      );
      await refused(
        template({ name: 'shipped', language: { code: 'de' }, components: [] }),
        132001,
        'template name (shipped) does not exist in de',
        404,
      );
    });

    it('requires language.code', async () => {
      await refused(template({ name: 'order_update' }), 131008, 'template.language is required');
      await refused(template({ name: 'order_update', language: {} }), 131008, 'template.language.code is required');
    });

    it('answers 132000 when the body parameters do not match the template text', async () => {
      const body = (values: string[]) => [
        { type: 'body', parameters: values.map((value) => ({ type: 'text', text: value })) },
      ];
      const answer = await send(
        sandbox,
        template({ name: 'shipped', language: { code: 'nl' }, components: body(['A-1', 'https://t.example/1']) }),
      );
      expect(answer.status).toBe(200);
      await refused(
        template({ name: 'shipped', language: { code: 'nl' }, components: body(['A-1']) }),
        132000,
        'body: number of localizable_params (1) does not match the expected number of params (2)',
      );
    });

    it('checks component and parameter types', async () => {
      await refused(
        template({ name: 'order_update', language: { code: 'en' }, components: [{ type: 'sidebar' }] }),
        131009,
        /^template\.components\[0\]\.type must be one of/,
      );
      await refused(
        template({
          name: 'order_update',
          language: { code: 'en' },
          components: [{ type: 'button', sub_type: 'url', parameters: [] }],
        }),
        131008,
        'template.components[0].index is required',
      );
      await refused(
        template({
          name: 'order_update',
          language: { code: 'en' },
          components: [{ type: 'body', parameters: [{ type: 'text' }] }],
        }),
        131008,
        'template.components[0].parameters[0].text is required',
      );
    });
  });
});
