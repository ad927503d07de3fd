/** Where the demo electronics shop's feed is served, when the demo runs; null otherwise. */
export const DEMO_FEED_URL = Symbol('DEMO_FEED_URL');
