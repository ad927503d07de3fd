/** Whose data a call may touch: one retailer's (retailer keys), or every retailer's (operators). */
export interface RetailerScope {
  readonly retailerId: string | null;
}

export const ALL_RETAILERS: RetailerScope = { retailerId: null };
