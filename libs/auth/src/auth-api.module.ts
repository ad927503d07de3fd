import { Module } from '@nestjs/common';
import { AdminApiKeysController } from './admin-api-keys.controller.js';
import { AuthModule } from './auth.module.js';
import { ConsoleSessionController } from './sessions/console-session.controller.js';

@Module({ imports: [AuthModule], controllers: [AdminApiKeysController, ConsoleSessionController] })
export class AuthApiModule {}
