import { Module } from '@nestjs/common';
import { InstancesController } from './instances.controller.js';

@Module({ controllers: [InstancesController] })
export class InstancesApiModule {}
