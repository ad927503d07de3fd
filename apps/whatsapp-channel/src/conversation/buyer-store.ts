import type pg from 'pg';

export interface ShippingAddress {
  readonly line1?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly country?: string;
}

/** What the channel asked a buyer and keeps for their next order. */
export interface Buyer {
  readonly name: string | null;
  readonly email: string | null;
  /** True once the buyer chose to order without an email address. */
  readonly emailDeclined: boolean;
  readonly address: ShippingAddress;
}

export async function loadBuyer(tx: pg.PoolClient, waId: string): Promise<Buyer> {
  const row = (
    await tx.query(`SELECT name, email, email_declined, address FROM whatsapp_channel.buyer WHERE wa_id = $1`, [waId])
  ).rows[0] as
    { name: string | null; email: string | null; email_declined: boolean; address: ShippingAddress | null } | undefined;
  return {
    name: row?.name ?? null,
    email: row?.email ?? null,
    emailDeclined: row?.email_declined ?? false,
    address: row?.address ?? {},
  };
}

export async function saveBuyer(tx: pg.PoolClient, waId: string, buyer: Buyer): Promise<void> {
  await tx.query(
    `INSERT INTO whatsapp_channel.buyer (wa_id, name, email, email_declined, address) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (wa_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
       email_declined = EXCLUDED.email_declined, address = EXCLUDED.address, updated_at = now()`,
    [waId, buyer.name, buyer.email, buyer.emailDeclined, JSON.stringify(buyer.address)],
  );
}
