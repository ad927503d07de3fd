import { Global, Module } from '@nestjs/common';
import { InstanceRegistry } from './instance-registry.service.js';

@Global()
@Module({ providers: [InstanceRegistry], exports: [InstanceRegistry] })
export class InstancesModule {}
