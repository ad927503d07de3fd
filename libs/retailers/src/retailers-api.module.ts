import { Module } from '@nestjs/common';
import { AdminRetailersController } from './admin-retailers.controller.js';
import { RetailerSelfController } from './retailer-self.controller.js';
import { RetailersModule } from './retailers.module.js';

@Module({ imports: [RetailersModule], controllers: [AdminRetailersController, RetailerSelfController] })
export class RetailersApiModule {}
