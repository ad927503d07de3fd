import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Max, Min } from 'class-validator';
import { IsInteger, Omittable } from '#platform';

export const DEFAULT_DASHBOARD_DAYS = 30;

export class DashboardQuery {
  @ApiPropertyOptional({
    description: 'How many UTC days, up to and including today, the figures cover.',
    minimum: 1,
    maximum: 366,
    default: DEFAULT_DASHBOARD_DAYS,
  })
  @Omittable()
  @Type(() => Number)
  @IsInteger()
  @Min(1)
  @Max(366)
  days?: number;
}

export class SalesDayView {
  @ApiProperty({ description: 'A UTC day, YYYY-MM-DD.' }) date: string;
  @ApiProperty({ description: 'Accepted sales less cancelled ones, in minor units.' }) salesMinor: string;
  @ApiProperty({ description: 'Commission net of reversals and adjustments, in minor units.' }) commissionMinor: string;
  @ApiProperty({ description: 'Ledger entries of the day.' }) entries: number;
}

export class SalesSeriesView {
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'The ISO 4217 minor-unit exponent of the currency.' }) exponent: number;
  @ApiProperty() totalSalesMinor: string;
  @ApiProperty() totalCommissionMinor: string;
  @ApiProperty({
    type: [SalesDayView],
    description: 'Every day of the range, oldest first; days without sales are zero.',
  })
  days: SalesDayView[];
}

export class StatusCountView {
  @ApiProperty() status: string;
  @ApiProperty() count: number;
}

export class RoutingHealthView {
  @ApiProperty({ description: 'Tries at delivering orders to retailers in the range.' }) attempts: number;
  @ApiProperty({ description: 'Tries in the range that did not place the order.' }) failedAttempts: number;
  @ApiProperty({ description: 'Retailer orders routing gave up on (any age).' }) failed: number;
  @ApiProperty({ description: 'Retailer orders past their acceptance deadline, still not accepted (any age).' })
  stuck: number;
}

export class LastRunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: Date, nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) finishedAt: Date | null;
  @ApiProperty() readCount: number;
  @ApiProperty({ description: 'Offers created, updated or unchanged.' }) writtenCount: number;
  @ApiProperty() failedCount: number;
  @ApiProperty() warningCount: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class ConfigHealthView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() connectorId: string;
  @ApiProperty({ format: 'uuid' }) retailerId: string;
  @ApiProperty() retailerName: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: LastRunView, nullable: true }) lastRun: LastRunView | null;
}

export class RetailerOffersView {
  @ApiProperty({ format: 'uuid' }) retailerId: string;
  @ApiProperty() retailerName: string;
  @ApiProperty({ description: 'Live offers.' }) offers: number;
}

export class CategoryCoverageTotalsView {
  @ApiProperty({ description: 'Live offers with a unified category.' }) categorized: number;
  @ApiProperty() uncategorized: number;
}

export class CatalogHealthView {
  @ApiProperty({
    type: [ConfigHealthView],
    description: 'Up to 50 connector configs, those whose last run failed first.',
  })
  configs: ConfigHealthView[];
  @ApiProperty({
    type: [StatusCountView],
    description: 'Connector configs by the status of their last run (never: no run yet).',
  })
  lastRunStatuses: StatusCountView[];
  @ApiProperty({ type: [RetailerOffersView] }) offersPerRetailer: RetailerOffersView[];
  @ApiProperty({ type: CategoryCoverageTotalsView }) categoryCoverage: CategoryCoverageTotalsView;
}

export class ChannelWebhookFailuresView {
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty() channelName: string;
  @ApiProperty() failedDeliveries: number;
}

export class WebhookHealthView {
  @ApiProperty({ description: 'Deliveries to channels in the range that failed after every retry.' })
  failedDeliveries: number;
  @ApiProperty({ type: [ChannelWebhookFailuresView] }) channels: ChannelWebhookFailuresView[];
}

export class DashboardView {
  @ApiProperty({ description: 'The start of the first day covered (UTC midnight).' }) from: Date;
  @ApiProperty({ description: 'The end of today (UTC midnight tomorrow), exclusive.' }) to: Date;
  @ApiProperty({
    type: [SalesSeriesView],
    description:
      'One series per currency, never summed across currencies; ' +
      'the commission report for the same range gives the same figures.',
  })
  sales: SalesSeriesView[];
  @ApiProperty({ type: [StatusCountView], description: 'Retailer orders created in the range, by status.' })
  ordersByStatus: StatusCountView[];
  @ApiProperty({ type: RoutingHealthView }) routing: RoutingHealthView;
  @ApiProperty({ type: CatalogHealthView }) catalog: CatalogHealthView;
  @ApiPropertyOptional({ type: WebhookHealthView, description: 'For operators only.' }) webhooks?: WebhookHealthView;
}
