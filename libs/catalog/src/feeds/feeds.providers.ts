import { ChannelFeedAccess } from './channel-feed-access.js';
import { ChannelFeedController } from './channel-feed.controller.js';
import { ChannelFeeds } from './channel-feed.service.js';

export const FEED_PROVIDERS = [ChannelFeedAccess, ChannelFeeds];
export const FEED_CONTROLLERS = [ChannelFeedController];
