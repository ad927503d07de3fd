import { createHmac } from 'node:crypto';
import { JobQueue, SecretBox } from '#platform';
import { USER_EVENT_PURGE_CRON, USER_EVENT_PURGE_QUEUE } from '../../../libs/catalog/src/personal/user-event-purge.js';
import { PURGE_BATCH_SIZE, UserEventService } from '../../../libs/catalog/src/personal/user-event.service.js';
import { FeedServer, rssFeed } from '../../../test/support/feed-server.js';
import { syncAndWait } from '../../../test/support/sync-runs.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';

/** Events a channel reports about its end users, the interests read from them, erasure and retention. */
describe('personal ranking: user events and interests', () => {
  let t: TestApp;
  let events: UserEventService;
  const feeds = [new FeedServer(), new FeedServer()];
  const channels: { id: string; key: string }[] = [];
  const products: Record<'dress' | 'sneaker' | 'hidden', string> = { dress: '', sneaker: '', hidden: '' };
  const categories = { clothing: { id: 1604, name: '' }, shoes: { id: 0, name: '' } };
  let retailerKey: string;
  const phone = '+31 6/1234 5678';

  const record = (channel: { key: string }, body: Record<string, unknown>) =>
    t.request('POST', '/v1/channel/events', { key: channel.key, body });
  const userPath = (userRef: string, what: 'events' | 'interests') =>
    `/v1/channel/users/${encodeURIComponent(userRef)}/${what}`;
  const storedEvents = async (channelId: string) =>
    Number(
      (await t.sql.query(`SELECT count(*) FROM channel_user_event WHERE channel_id = $1`, [channelId])).rows[0].count,
    );
  const hashOf = (channelId: string, userRef: string) =>
    createHmac('sha256', new SecretBox(Buffer.from(t.shared.encryptionKey, 'base64')).derive('channel-user-ref'))
      .update(`${channelId}:${userRef}`)
      .digest();
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    events = t.app.get(UserEventService);
    const tree = (await t.request('GET', '/v1/admin/categories')).body.items as {
      id: number;
      name: string;
      path: string;
    }[];
    categories.clothing.name = tree.find((category) => category.id === 1604)!.name;
    const shoes = tree.find((category) => category.path === 'Apparel & Accessories > Shoes')!;
    categories.shoes = { id: shoes.id, name: shoes.name };

    const retailerIds: string[] = [];
    for (const [index, feed] of feeds.entries()) {
      const id = (
        await t.request('POST', '/v1/admin/retailers', {
          body: {
            name: `Shop ${index}`,
            slug: `shop-${index}`,
            defaultCurrency: 'EUR',
            contactEmail: `s${index}@shop.example`,
          },
        })
      ).body.id;
      retailerIds.push(id);
      if (index === 0)
        retailerKey = (
          await t.request('POST', '/v1/admin/api-keys', { body: { name: 'r0', role: 'retailer', retailerId: id } })
        ).body.key;
      await t.request('POST', '/v1/admin/category-rules', {
        body: { retailerId: id, kind: 'exact', pattern: 'Dresses', categoryId: categories.clothing.id },
      });
      await t.request('POST', '/v1/admin/category-rules', {
        body: { retailerId: id, kind: 'exact', pattern: 'Sneakers', categoryId: categories.shoes.id },
      });
      feed.setBody(
        rssFeed(
          index === 0
            ? [
                { id: 'DRESS-1', title: 'Summer dress', price: '49.00 EUR', brand: 'Flora', productType: 'Dresses' },
                {
                  id: 'SNEAKER-1',
                  title: 'Running sneaker',
                  price: '89.00 EUR',
                  brand: 'Stride',
                  productType: 'Sneakers',
                },
              ]
            : [{ id: 'HIDDEN-1', title: 'Hidden boot', price: '99.00 EUR', brand: 'Secret', productType: 'Sneakers' }],
        ),
      );
      const url = await feed.start();
      const config = (
        await t.request('POST', '/v1/admin/connector-configs', {
          body: { retailerId: id, connectorId: 'google-merchant-feed', name: 'Feed', settings: { source: 'url', url } },
        })
      ).body.id;
      expect((await syncAndWait(t, config)).status).toBe('succeeded');
    }
    const productOf = async (itemId: string) =>
      (await t.sql.query(`SELECT product_id FROM offer WHERE retailer_item_id = $1`, [itemId])).rows[0]
        .product_id as string;
    products.dress = await productOf('DRESS-1');
    products.sneaker = await productOf('SNEAKER-1');
    products.hidden = await productOf('HIDDEN-1');

    for (const name of ['WhatsApp', 'Line']) {
      const id = (await t.request('POST', '/v1/admin/channels', { body: { name } })).body.id;
      const key = (await t.request('POST', '/v1/admin/api-keys', { body: { name, role: 'channel', channelId: id } }))
        .body.key;
      channels.push({ id, key });
    }
    expect(
      (await t.request('PUT', `/v1/admin/channels/${channels[0]!.id}/hidden-retailers/${retailerIds[1]}`)).status,
    ).toBe(204);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(feeds.map((feed) => feed.stop()));
  });

  it("records an event with the category and brand of the product's best visible offer, and stores the user only as a keyed hash", async () => {
    const sentAt = Date.now();
    const response = await record(channels[0]!, { userRef: phone, type: 'viewed', productId: products.dress });
    const answeredAt = Date.now();
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      type: 'viewed',
      productId: products.dress,
      categoryId: categories.clothing.id,
      brandKey: 'flora',
      occurredAt: expect.any(String),
    });
    // Without an occurredAt of its own, the event happened when Souk took it: between sending and the answer (to the millisecond).
    expect(Date.parse(response.body.occurredAt)).toBeGreaterThanOrEqual(sentAt - 1);
    expect(Date.parse(response.body.occurredAt)).toBeLessThanOrEqual(answeredAt + 1);

    const rows = (
      await t.sql.query(`SELECT e.user_hash, e::text AS whole_row FROM channel_user_event e WHERE e.id = $1`, [
        response.body.id,
      ])
    ).rows;
    expect(rows[0].user_hash).toEqual(hashOf(channels[0]!.id, phone));
    const digits = phone.replace(/\D/g, '');
    const leaks = await t.sql.query(
      `SELECT count(*)::int AS n FROM channel_user_event e WHERE strpos(e::text, $1) > 0 OR strpos(e::text, $2) > 0 OR strpos(encode(e.user_hash, 'escape'), $2) > 0`,
      [phone, digits],
    );
    expect(leaks.rows[0].n).toBe(0);
  });

  it('dates an event as asked, within 5 minutes ahead and the retention period back', async () => {
    const occurredAt = daysAgo(3);
    const response = await record(channels[0]!, {
      userRef: 'dated',
      type: 'viewed',
      productId: products.dress,
      occurredAt,
    });
    expect(response.status).toBe(201);
    expect(response.body.occurredAt).toBe(occurredAt);
  });

  it.each([
    ['userRef', { type: 'viewed', productId: 'x' }],
    ['userRef', { userRef: '', type: 'viewed', productId: '00000000-0000-4000-8000-000000000000' }],
    ['userRef', { userRef: 'x'.repeat(201), type: 'viewed', productId: '00000000-0000-4000-8000-000000000000' }],
    ['type', { userRef: 'u', type: 'liked', productId: '00000000-0000-4000-8000-000000000000' }],
    ['productId', { userRef: 'u', type: 'viewed', productId: 'not-a-uuid' }],
    [
      'occurredAt',
      { userRef: 'u', type: 'viewed', productId: '00000000-0000-4000-8000-000000000000', occurredAt: 'yesterday' },
    ],
    [
      'occurredAt',
      {
        userRef: 'u',
        type: 'viewed',
        productId: '00000000-0000-4000-8000-000000000000',
        occurredAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    ],
    [
      'occurredAt',
      { userRef: 'u', type: 'viewed', productId: '00000000-0000-4000-8000-000000000000', occurredAt: daysAgo(91) },
    ],
    ['colour', { userRef: 'u', type: 'viewed', productId: '00000000-0000-4000-8000-000000000000', colour: 'red' }],
  ])('refuses an invalid event as a problem naming %s', async (field, body) => {
    const response = await record(channels[0]!, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors[0].field).toBe(field);
  });

  it('answers 404 for a product the channel may not see, as for one that does not exist, and stores nothing', async () => {
    const before = await storedEvents(channels[0]!.id);
    const hidden = await record(channels[0]!, { userRef: 'u', type: 'viewed', productId: products.hidden });
    const missing = await record(channels[0]!, {
      userRef: 'u',
      type: 'viewed',
      productId: '00000000-0000-4000-8000-000000000000',
    });
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.body.type).toBe(missing.body.type);
    expect(hidden.body.detail).toBe(`Product ${products.hidden} was not found.`);
    expect(await storedEvents(channels[0]!.id)).toBe(before);
    expect((await record(channels[1]!, { userRef: 'u', type: 'viewed', productId: products.hidden })).status).toBe(201);
  });

  it('weighs a purchase above views, fades events with age, and scales the strongest interest to 1', async () => {
    for (let view = 0; view < 3; view++)
      await record(channels[0]!, { userRef: 'shopper', type: 'viewed', productId: products.dress });
    await record(channels[0]!, { userRef: 'shopper', type: 'purchased', productId: products.sneaker });
    const interests = await t.request('GET', userPath('shopper', 'interests'), { key: channels[0]!.key });
    expect(interests.status).toBe(200);
    expect(interests.body.categories).toEqual([
      { id: categories.shoes.id, name: categories.shoes.name, weight: 1 },
      { id: categories.clothing.id, name: categories.clothing.name, weight: expect.closeTo(3 / 5, 4) },
    ]);
    expect(interests.body.brands).toEqual([
      { key: 'stride', weight: 1 },
      { key: 'flora', weight: expect.closeTo(3 / 5, 4) },
    ]);
    expect(await events.purchasedProductIds(channels[0]!.id, 'shopper')).toEqual([products.sneaker]);

    // A purchase one half-life ago weighs 2.5, less than three views today.
    for (let view = 0; view < 3; view++)
      await record(channels[0]!, { userRef: 'returning', type: 'viewed', productId: products.dress });
    await record(channels[0]!, {
      userRef: 'returning',
      type: 'purchased',
      productId: products.sneaker,
      occurredAt: daysAgo(14),
    });
    const faded = await events.interests(channels[0]!.id, 'returning');
    expect(faded.categories.map((category) => [category.id, category.weight])).toEqual([
      [categories.clothing.id, 1],
      [categories.shoes.id, expect.closeTo(2.5 / 3, 3)],
    ]);

    expect((await t.request('GET', userPath('nobody', 'interests'), { key: channels[0]!.key })).body).toEqual({
      categories: [],
      brands: [],
    });
  });

  it("erases one user's events in one channel only", async () => {
    await record(channels[0]!, { userRef: phone, type: 'added_to_cart', productId: products.dress });
    await record(channels[1]!, { userRef: phone, type: 'viewed', productId: products.dress });
    const mine = Number(
      (
        await t.sql.query(`SELECT count(*) FROM channel_user_event WHERE channel_id = $1 AND user_hash = $2`, [
          channels[0]!.id,
          hashOf(channels[0]!.id, phone),
        ])
      ).rows[0].count,
    );
    const othersBefore = (await storedEvents(channels[0]!.id)) - mine;
    const otherChannelBefore = await storedEvents(channels[1]!.id);
    expect(mine).toBe(2);

    const erased = await t.request('DELETE', userPath(phone, 'events'), { key: channels[0]!.key });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ erased: 2 });
    expect(await storedEvents(channels[0]!.id)).toBe(othersBefore);
    expect(await storedEvents(channels[1]!.id)).toBe(otherChannelBefore);
    expect((await t.request('GET', userPath(phone, 'interests'), { key: channels[0]!.key })).body).toEqual({
      categories: [],
      brands: [],
    });
    expect((await t.request('GET', userPath(phone, 'interests'), { key: channels[1]!.key })).body.brands).toEqual([
      { key: 'flora', weight: 1 },
    ]);
    expect((await t.request('DELETE', userPath(phone, 'events'), { key: channels[0]!.key })).body).toEqual({
      erased: 0,
    });
  });

  it("keeps a channel's users to that channel: the same reference is another user elsewhere, which another channel can neither read nor erase", async () => {
    await record(channels[0]!, { userRef: 'shared-ref', type: 'purchased', productId: products.sneaker });
    const hashes = (
      await t.sql.query(`SELECT DISTINCT user_hash FROM channel_user_event WHERE user_hash = ANY($1::bytea[])`, [
        [hashOf(channels[0]!.id, 'shared-ref'), hashOf(channels[1]!.id, 'shared-ref')],
      ])
    ).rows;
    expect(hashes).toHaveLength(1);
    expect(hashOf(channels[0]!.id, 'shared-ref').equals(hashOf(channels[1]!.id, 'shared-ref'))).toBe(false);

    expect((await t.request('GET', userPath('shared-ref', 'interests'), { key: channels[1]!.key })).body).toEqual({
      categories: [],
      brands: [],
    });
    expect((await t.request('DELETE', userPath('shared-ref', 'events'), { key: channels[1]!.key })).body).toEqual({
      erased: 0,
    });
    expect((await events.interests(channels[0]!.id, 'shared-ref')).brands).toEqual([{ key: 'stride', weight: 1 }]);
  });

  it('is open to channel keys only, and validates the user reference in the path', async () => {
    expect(
      (
        await t.request('POST', '/v1/channel/events', {
          key: retailerKey,
          body: { userRef: 'u', type: 'viewed', productId: products.dress },
        })
      ).status,
    ).toBe(403);
    expect((await t.request('GET', userPath('u', 'interests'), { key: retailerKey })).status).toBe(403);
    expect((await t.request('DELETE', userPath('u', 'events'))).status).toBe(403);
    expect((await t.request('GET', userPath('é'.repeat(200), 'interests'), { key: channels[0]!.key })).status).toBe(
      200,
    );
    const tooLong = await t.request('GET', userPath('x'.repeat(201), 'interests'), { key: channels[0]!.key });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].field).toBe('userRef');
  });

  it('purges only events older than the retention period, in batches, and leaves them out of interests meanwhile', async () => {
    const insertAged = (userRef: string, days: number, count = 1) =>
      t.sql.query(
        `INSERT INTO channel_user_event (channel_id, user_hash, type, product_id, category_id, brand_key, occurred_at)
         SELECT $1, $2, 'purchased', $3, $4, 'flora', now() - make_interval(days => $5) FROM generate_series(1, $6)`,
        [channels[0]!.id, hashOf(channels[0]!.id, userRef), products.dress, categories.clothing.id, days, count],
      );
    await insertAged('old-timer', 91, PURGE_BATCH_SIZE + 1);
    await insertAged('old-timer', 89);
    expect((await events.interests(channels[0]!.id, 'old-timer')).brands).toEqual([{ key: 'flora', weight: 1 }]);
    expect(await events.purchasedProductIds(channels[0]!.id, 'old-timer')).toEqual([products.dress]);
    const total = await storedEvents(channels[0]!.id);

    expect(await events.purgeExpired()).toBe(PURGE_BATCH_SIZE + 1);
    expect(await storedEvents(channels[0]!.id)).toBe(total - PURGE_BATCH_SIZE - 1);
    expect(await events.purgeExpired()).toBe(0);
  });

  it('runs the purge as a daily pg-boss job, scheduled once for all instances', async () => {
    const schedule = (
      await t.sql.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [USER_EVENT_PURGE_QUEUE])
    ).rows;
    expect(schedule).toEqual([{ cron: USER_EVENT_PURGE_CRON, timezone: 'UTC' }]);

    await t.sql.query(
      `INSERT INTO channel_user_event (channel_id, user_hash, type, product_id, occurred_at) VALUES ($1, $2, 'viewed', $3, now() - interval '100 days')`,
      [channels[1]!.id, hashOf(channels[1]!.id, 'expired'), products.dress],
    );
    await t.app.get(JobQueue).send(USER_EVENT_PURGE_QUEUE, {});
    let left = 1;
    for (let tries = 0; tries < 100 && left > 0; tries++) {
      await new Promise((wake) => setTimeout(wake, 100));
      left = Number(
        (await t.sql.query(`SELECT count(*) FROM channel_user_event WHERE occurred_at < now() - interval '90 days'`))
          .rows[0].count,
      );
    }
    expect(left).toBe(0);
  });
});
