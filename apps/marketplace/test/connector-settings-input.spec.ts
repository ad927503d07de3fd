import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

/**
 * What a connector config's settings may hold (issue 12, items 8 and 9): no credentials inside a
 * feed URL, which would be shown in configs and the audit log (the secrets username and password
 * are sealed instead), and no key the connector does not know, which used to be dropped silently.
 */
describe('connector config settings', () => {
  let t: TestApp;
  let retailerId = '';

  beforeAll(async () => {
    t = await startTestApp();
    retailerId = (
      await t.request('POST', '/v1/admin/retailers', {
        body: { name: 'Input shop', slug: 'input-shop', defaultCurrency: 'EUR', contactEmail: 'input@shop.example' },
      })
    ).body.id;
  });
  afterAll(() => t.close());

  const auditMentions = async (text: string) =>
    Number(
      (
        await t.sql.query(`SELECT count(*) FROM audit_entry WHERE before::text LIKE $1 OR after::text LIKE $1`, [
          `%${text}%`,
        ])
      ).rows[0].count,
    );
  const configsMentioning = async (text: string) =>
    Number(
      (await t.sql.query(`SELECT count(*) FROM connector_config WHERE settings::text LIKE $1`, [`%${text}%`])).rows[0]
        .count,
    );

  it('refuses a feed URL with a user name and password, pointing at the secrets; nothing is stored or audited', async () => {
    const created = await t.request('POST', '/v1/admin/connector-configs', {
      body: {
        retailerId,
        connectorId: 'google-merchant-feed',
        name: 'Feed',
        settings: { source: 'url', url: 'https://feeduser:hunter2@feeds.shop.example/feed.xml' },
      },
    });

    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([
      {
        field: 'settings.url',
        message:
          'url must not contain a user name or password (user:password@): give them as the secrets username and password',
      },
    ]);
    expect(JSON.stringify(created.body)).not.toMatch(/feeduser|hunter2/);
    expect(await configsMentioning('hunter2')).toBe(0);
    expect(await auditMentions('hunter2')).toBe(0);
  });

  it('refuses to change a feed URL to one with credentials, keeping the URL it had', async () => {
    const created = await t.request('POST', '/v1/admin/connector-configs', {
      body: {
        retailerId,
        connectorId: 'google-merchant-feed',
        name: 'Feed',
        settings: { source: 'url', url: 'https://feeds.shop.example/feed.xml' },
        secrets: { username: 'feeduser', password: 'hunter2' },
      },
    });
    expect(created.status).toBe(201);

    const changed = await t.request('PATCH', `/v1/admin/connector-configs/${created.body.id}`, {
      body: { settings: { source: 'url', url: 'https://feeduser:hunter2@feeds.shop.example/feed.xml' } },
    });

    expect(changed.status).toBe(400);
    expect(changed.body.errors).toEqual([
      { field: 'settings.url', message: expect.stringContaining('give them as the secrets username and password') },
    ]);
    expect((await t.request('GET', `/v1/admin/connector-configs/${created.body.id}`)).body).toMatchObject({
      settings: { url: 'https://feeds.shop.example/feed.xml' },
      secretsSet: ['password', 'username'],
    });
    expect(await configsMentioning('hunter2')).toBe(0);
    expect(await auditMentions('hunter2')).toBe(0);
  });

  it.each([
    ['google-merchant-feed', { source: 'upload' }],
    ['csv-catalog', { currency: 'EUR' }],
    ['shopify', { shopUrl: 'https://input-shop.myshopify.com' }],
    ['woocommerce', { siteUrl: 'https://shop.example.com' }],
  ])(
    'refuses a %s setting it does not know with a 400 naming it, when created and when changed',
    async (connectorId, settings) => {
      const secrets =
        connectorId === 'shopify'
          ? { accessToken: 'shpat_x' }
          : connectorId === 'woocommerce'
            ? { consumerKey: 'ck_x', consumerSecret: 'cs_x' }
            : {};

      const created = await t.request('POST', '/v1/admin/connector-configs', {
        body: {
          retailerId,
          connectorId,
          name: 'Unknown key',
          settings: { ...settings, colour: 'red', sizes: ['S'] },
          secrets,
        },
      });

      expect(created.status).toBe(400);
      expect(created.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(created.body.errors).toEqual([
        { field: 'settings.colour', message: 'is not a known field' },
        { field: 'settings.sizes', message: 'is not a known field' },
      ]);

      const valid = await t.request('POST', '/v1/admin/connector-configs', {
        body: { retailerId, connectorId, name: 'Known keys', settings, secrets },
      });
      expect(valid.status).toBe(201);
      const changed = await t.request('PATCH', `/v1/admin/connector-configs/${valid.body.id}`, {
        body: { settings: { ...settings, colour: 'red' } },
      });
      expect(changed.status).toBe(400);
      expect(changed.body.errors).toEqual([{ field: 'settings.colour', message: 'is not a known field' }]);
    },
  );
});
