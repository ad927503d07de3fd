/** What one end user of a channel has shown interest in, each weight in (0, 1], strongest first. */
export interface UserInterests {
  readonly categories: readonly { readonly id: number; readonly weight: number }[];
  /** Brands lower-cased, as filters and facets compare them. */
  readonly brands: readonly { readonly key: string; readonly weight: number }[];
}

export const NO_INTERESTS: UserInterests = { categories: [], brands: [] };
