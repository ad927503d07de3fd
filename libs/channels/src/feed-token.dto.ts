import { ApiProperty } from '@nestjs/swagger';

export class ChannelFeedUrlsView {
  @ApiProperty({ description: 'Tab-separated values with a header row (Meta and Google catalog fields).' }) tsv: string;
  @ApiProperty({ description: 'RSS 2.0 with the Google namespace (g:).' }) rss: string;
}

/** The answer that makes a feed token: the only time the token (and so the URLs that carry it) is shown. */
export class ChannelFeedTokenView {
  @ApiProperty() channelId: string;
  @ApiProperty({ description: 'Shown only now; Souk keeps its SHA-256. A new one replaces it at once.' }) token: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({
    type: ChannelFeedUrlsView,
    description: "The channel's catalog feed URLs, with the token: give one to Meta's scheduled feed fetch.",
  })
  urls: ChannelFeedUrlsView;
}
