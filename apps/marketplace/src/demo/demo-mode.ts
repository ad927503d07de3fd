/**
 * Everything the demo adds to `npm start`, in one module that main.ts imports only in demo mode, so
 * a marketplace without the demo never loads the demo's data or the sandboxes it runs.
 */
export { connectDemoChat, startDemoPhone } from './demo-chat.js';
export { DemoDataLoader } from './demo-data.loader.js';
export { startDemoFeeds } from './demo-feeds.js';
export { DemoModule } from './demo.module.js';
export { connectDemoOrders, startDemoOrderDesk } from './demo-orders.js';
