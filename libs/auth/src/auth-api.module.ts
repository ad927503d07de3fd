import { Module } from '@nestjs/common';
import { AdminApiKeysController } from './admin-api-keys.controller.js';
import { AuthModule } from './auth.module.js';

@Module({ imports: [AuthModule], controllers: [AdminApiKeysController] })
export class AuthApiModule {}
