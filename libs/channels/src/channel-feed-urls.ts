/**
 * Where a channel's catalog feed is served (the route is in #catalog, which serves the offers): a
 * public URL that carries the channel's feed token, for a scheduled fetch such as Meta's catalog
 * data feed, which can send neither a header nor a key.
 */
export const CHANNEL_FEED_ROUTE = 'v1/feeds/channels/:channelId';
export const CHANNEL_FEED_FILES = { tsv: 'meta.tsv', rss: 'meta.xml' } as const;
export type ChannelFeedFormat = keyof typeof CHANNEL_FEED_FILES;

export function channelFeedUrl(baseUrl: string, channelId: string, token: string, format: ChannelFeedFormat): string {
  const path = CHANNEL_FEED_ROUTE.replace(':channelId', encodeURIComponent(channelId));
  return `${baseUrl.replace(/\/+$/, '')}/${path}/${CHANNEL_FEED_FILES[format]}?token=${encodeURIComponent(token)}`;
}
