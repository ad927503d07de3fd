import { Module } from '@nestjs/common';
import { RetailerService } from './retailer.service.js';

@Module({ providers: [RetailerService], exports: [RetailerService] })
export class RetailersModule {}
