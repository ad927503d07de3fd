import { UserEventPurge } from './user-event-purge.js';
import { UserEventService } from './user-event.service.js';
import { ChannelUserEventsController } from './user-events.controller.js';

/** What the catalog module registers for personal ranking: services in every process, controllers in the api role. */
export const PERSONAL_PROVIDERS = [UserEventService, UserEventPurge];
export const PERSONAL_CONTROLLERS = [ChannelUserEventsController];
