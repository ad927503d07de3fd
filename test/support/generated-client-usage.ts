/**
 * A program that uses a client generated from Souk's OpenAPI document the way an integrator would:
 * openapi-fetch with the generated `paths` and `components`, no request or problem type of its own.
 * The OpenAPI completeness test type-checks it beside the generated souk-api.ts.
 */
export const GENERATED_CLIENT_USAGE = `
import createClient from 'openapi-fetch';
import type { components, paths } from './souk-api.js';

type Problem = components['schemas']['ProblemView'];

const channel = createClient<paths>({ baseUrl: 'https://souk.example', headers: { authorization: 'Bearer ch' } });
const retailer = createClient<paths>({ baseUrl: 'https://souk.example', headers: { authorization: 'Bearer rt' } });

export async function buyNow(offerId: string): Promise<string> {
  const answer = await channel.POST('/v1/channel/orders', {
    params: { header: { 'Idempotency-Key': 'checkout-1' } },
    body: {
      userRef: 'whatsapp:+31612345678',
      customer: { name: 'Fatima el Amrani', phone: '+31612345678' },
      shippingAddress: { name: 'Fatima el Amrani', line1: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', country: 'NL' },
      lines: [{ offerId, quantity: 1, unitPriceMinor: '2499' }],
    },
  });
  if (answer.error) {
    const problem: Problem = answer.error;
    const changed: unknown = problem['changes'];
    return \`\${problem.status} \${problem.type} \${problem.errors?.[0]?.field ?? ''} \${String(changed)}\`;
  }
  return answer.data.id;
}

export async function addToCart(offerId: string): Promise<number | undefined> {
  const answer = await channel.PUT('/v1/channel/users/{userRef}/cart/lines/{offerId}', {
    params: { path: { userRef: 'whatsapp:+31612345678', offerId } },
    body: { quantity: 2 },
  });
  return answer.error?.status;
}

export async function connectCsvCatalog(): Promise<string | undefined> {
  const created = await retailer.POST('/v1/retailer/connector-configs', {
    body: {
      connectorId: 'csv-catalog',
      name: 'Shop export',
      settings: { delimiter: ';', encoding: 'utf-8' },
      scheduleIntervalMinutes: null,
    },
  });
  if (!created.data) return undefined;
  const changed = await retailer.PATCH('/v1/retailer/connector-configs/{id}', {
    params: { path: { id: created.data.id } },
    body: { settings: { delimiter: ',', currency: 'EUR' } },
  });
  return changed.data?.name;
}

export async function uploadCsv(configId: string): Promise<string | undefined> {
  const answer = await retailer.POST('/v1/retailer/connector-configs/{id}/uploads', {
    params: { path: { id: configId } },
    body: 'id,title,price\\n1,Mug,9.99 EUR\\n',
    headers: { 'content-type': 'text/csv' },
    bodySerializer: (csv) => csv,
  });
  if (answer.error) return answer.error.detail;
  return answer.data.id;
}

export async function syncNow(configId: string): Promise<string | undefined> {
  const answer = await retailer.POST('/v1/retailer/connector-configs/{id}/sync', {
    params: { path: { id: configId }, query: { mode: 'full' } },
  });
  return answer.error?.title ?? answer.data?.status;
}

export async function ship(orderId: string): Promise<Problem | undefined> {
  const answer = await retailer.POST('/v1/retailer/orders/{id}/ship', {
    params: { path: { id: orderId } },
    body: { carrier: 'PostNL', number: '3SABCD1234567' },
  });
  return answer.error;
}
`;
