/**
 * The one definition of what a channel may see, as SQL conditions for the channel in parameter
 * `channelParameter`. Every read a channel makes (search, facets, browse, detail, checkout) uses
 * it, so a hidden offer is indistinguishable from a missing one. An offer is visible when:
 *   - it is live (not removed) and its retailer is active;
 *   - the retailer's policy admits the channel: every channel, every channel but those on its
 *     list ('deny_listed'), or only those on its list ('allow_listed');
 *   - no operator hid the retailer or the offer from the channel.
 */
export function visibleToChannel(channelParameter: string): string {
  return `o.removed_at IS NULL AND ${retailerVisibleToChannel(channelParameter)}
    AND ${offerNotHiddenFromChannel(channelParameter)}`;
}

/** The retailer half of `visibleToChannel`, over retailer `r`: searches list these retailers once per query. */
export function retailerVisibleToChannel(channelParameter: string): string {
  return `r.status = 'active'
    AND CASE r.channel_policy
          WHEN 'all' THEN true
          WHEN 'deny_listed' THEN NOT EXISTS (SELECT 1 FROM retailer_channel_list l
                                               WHERE l.retailer_id = r.id AND l.channel_id = ${channelParameter})
          WHEN 'allow_listed' THEN EXISTS (SELECT 1 FROM retailer_channel_list l
                                            WHERE l.retailer_id = r.id AND l.channel_id = ${channelParameter})
          ELSE false
        END
    AND NOT EXISTS (SELECT 1 FROM channel_hidden_retailer h
                     WHERE h.channel_id = ${channelParameter} AND h.retailer_id = r.id)`;
}

/**
 * The offer half of `visibleToChannel` besides liveness, over offer `o`. Written as NOT IN (offer_id
 * is never null) so PostgreSQL hashes the channel's hidden offers once instead of probing per offer.
 */
export function offerNotHiddenFromChannel(channelParameter: string): string {
  return `o.id NOT IN (SELECT h.offer_id FROM channel_hidden_offer h WHERE h.channel_id = ${channelParameter})`;
}
