import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './guards/api-key.guard.js';
import { ApiKeyService } from './api-key.service.js';
import { ChannelRateLimitGuard } from './guards/channel-rate-limit.guard.js';
import { ConsoleSessionService } from './sessions/console-session.service.js';

/**
 * API-key (or console session) authentication for every route of the process (routes opt out with @Public), then the
 * channel keys' rate limit; global guards run in the order they are provided here.
 */
@Module({
  providers: [
    ApiKeyService,
    ConsoleSessionService,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: ChannelRateLimitGuard },
  ],
  exports: [ApiKeyService, ConsoleSessionService],
})
export class AuthModule {}
