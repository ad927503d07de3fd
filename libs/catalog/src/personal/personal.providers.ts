import { UserEventPurge } from './user-event-purge.js';
import { UserEventService } from './user-event.service.js';
import { ChannelUserEventsController } from './user-events.controller.js';
import { UserRefHash } from './user-ref-hash.js';

/** What the catalog module registers for personal ranking: services in every process, controllers in the api role. */
export const PERSONAL_PROVIDERS = [UserRefHash, UserEventService, UserEventPurge];
export const PERSONAL_CONTROLLERS = [ChannelUserEventsController];
