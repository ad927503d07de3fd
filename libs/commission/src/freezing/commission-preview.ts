import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { CURRENCY_CODES } from '#domain';
import { IsInteger, Nullable, ProblemException } from '#platform';
import { Retailer } from '#retailers';
import { CommissionRuleView } from '../rules/commission-rule.dto.js';
import { CommissionRuleService } from '../rules/commission-rule.service.js';
import { CommissionFreezer } from './commission-freezer.js';

export class PreviewBody {
  @ApiProperty() @IsUUID('all', { message: 'must be a retailer id' }) retailerId: string;
  @ApiProperty() @IsUUID('all', { message: 'must be a channel id' }) channelId: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) @Nullable() @IsInteger() categoryId?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @Nullable() @IsString() @MaxLength(200) brand?: string | null;
  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code' })
  currency: string;
  @ApiProperty({ example: '4999', description: 'The line amount (unit price × quantity), minor units.' })
  @Matches(/^(0|[1-9][0-9]{0,17})$/, { message: 'must be a whole number of minor units, as a string' })
  amountMinor: string;
}

export class PreviewView {
  @ApiProperty({
    type: CommissionRuleView,
    description: 'The rule that would apply, by precedence (or the platform default).',
  })
  rule: CommissionRuleView;
  @ApiProperty() rateBasisPoints: number;
  @ApiProperty() fixedFeeMinor: string;
  @ApiProperty() commissionMinor: string;
  @ApiProperty({ description: "The retailer's sales this month so far, which place the line in tiered rates." })
  monthSalesBeforeMinor: string;
}

/** "What commission would this line earn now, and by which rule?" Nothing is stored. */
@Injectable()
export class CommissionPreview {
  constructor(
    private readonly dataSource: DataSource,
    private readonly freezer: CommissionFreezer,
    private readonly rules: CommissionRuleService,
  ) {}

  async preview(body: PreviewBody): Promise<PreviewView> {
    if (!(await this.dataSource.getRepository(Retailer).existsBy({ id: body.retailerId }))) {
      throw ProblemException.unprocessable(
        [{ field: 'retailerId', message: 'is not a retailer' }],
        'Unknown retailer.',
      );
    }
    const [frozen] = await this.freezer.freeze(this.dataSource.manager, body.channelId, [
      {
        retailerId: body.retailerId,
        currency: body.currency,
        brand: body.brand ?? null,
        categoryId: body.categoryId ?? null,
        amountMinor: BigInt(body.amountMinor),
      },
    ]);
    if (!frozen) throw new Error('no commission for the line');
    return Object.assign(new PreviewView(), {
      rule: await this.rules.get(frozen.ruleId),
      rateBasisPoints: frozen.rateBasisPoints,
      fixedFeeMinor: frozen.fixedFeeMinor.toString(),
      commissionMinor: frozen.commissionMinor.toString(),
      monthSalesBeforeMinor: frozen.salesBeforeMinor.toString(),
    });
  }
}
