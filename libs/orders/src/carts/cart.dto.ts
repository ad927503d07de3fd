import { ApiProperty } from '@nestjs/swagger';
import { Max, Min } from 'class-validator';
import { IsInteger } from '#platform';
import { FormattedMoneyView } from '../orders/money.dto.js';

export const MAX_LINE_QUANTITY = 999;

export class CartLineBody {
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY, example: 2 })
  @IsInteger()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;
}

export const CART_LINE_ISSUES = ['unavailable', 'price_changed', 'insufficient_stock'] as const;
export type CartLineIssue = (typeof CART_LINE_ISSUES)[number];

export class CartLineView {
  @ApiProperty() offerId: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ nullable: true, type: String, description: 'Null when the offer is no longer available.' }) title:
    string | null;
  @ApiProperty({ nullable: true, type: String }) productId: string | null;
  @ApiProperty({ nullable: true, type: String }) imageLink: string | null;
  @ApiProperty({ description: 'The currency of the price the user saw.' }) currency: string;
  @ApiProperty({ description: 'The price the user saw when adding the line, minor units.' }) seenPriceMinor: string;
  @ApiProperty({ nullable: true, type: String, description: 'The price now, minor units; null when unavailable.' })
  unitPriceMinor: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The price now, formatted for the channel's locale; null when unavailable.",
    example: '€ 24,99',
  })
  unitPrice: string | null;
  @ApiProperty({ nullable: true, type: String }) lineTotalMinor: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The line total, formatted for the channel's locale; null when unavailable.",
    example: '€ 49,98',
  })
  lineTotal: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Known stock, when the retailer reports it.' })
  stockQuantity: number | null;
  @ApiProperty({
    enum: CART_LINE_ISSUES,
    isArray: true,
    description: 'What must be resolved before checkout: set the line again to accept a new price, or remove it.',
  })
  issues: CartLineIssue[];
}

export class CartRetailerView {
  @ApiProperty() retailerId: string;
  @ApiProperty() retailerName: string;
  @ApiProperty({ type: [CartLineView] }) lines: CartLineView[];
  @ApiProperty({ type: [FormattedMoneyView], description: 'Per currency, of the lines without issues.' })
  subtotals: FormattedMoneyView[];
}

export class CartView {
  @ApiProperty({ type: [CartRetailerView], description: 'Lines grouped by the retailer that fulfils them.' })
  retailers: CartRetailerView[];
  @ApiProperty({ type: [CartLineView], description: 'Lines whose offer is no longer available to this channel.' })
  unavailable: CartLineView[];
  @ApiProperty({
    type: [FormattedMoneyView],
    description: 'Per currency, never summed across currencies; lines with issues are left out.',
  })
  totals: FormattedMoneyView[];
  @ApiProperty({ description: 'True when no line has an issue and the cart is not empty.' }) readyForCheckout: boolean;
}
