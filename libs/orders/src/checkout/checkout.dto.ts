import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsInteger, Nested, Omittable } from '#platform';
import { MAX_LINE_QUANTITY } from '../carts/cart.dto.js';
import { AddressBody, CustomerBody } from '../orders/buyer.dto.js';

export const MAX_CHECKOUT_LINES = 100;

export class CheckoutLineBody {
  @ApiProperty()
  @IsUUID('all', { message: 'must be an offer id' })
  offerId: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY })
  @IsInteger()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number;

  @ApiProperty({
    example: '2499',
    description: 'The unit price the user was shown, minor units; a different current price answers 409.',
  })
  @Matches(/^(0|[1-9][0-9]{0,17})$/, { message: 'must be a whole number of minor units, as a string' })
  unitPriceMinor: string;
}

export class CheckoutBody {
  @ApiProperty({
    example: 'whatsapp:+31612345678',
    description: "The channel's opaque reference of the buyer (as for carts).",
  })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  userRef: string;

  @ApiProperty({ type: CustomerBody })
  @Nested(() => CustomerBody)
  customer: CustomerBody;

  @ApiProperty({ type: AddressBody })
  @Nested(() => AddressBody)
  shippingAddress: AddressBody;

  @ApiPropertyOptional({
    type: [CheckoutLineBody],
    description:
      "What to buy, for a 'buy now' without a cart. Without it, the user's cart is checked out (and emptied).",
  })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKOUT_LINES)
  @ArrayUnique((line: CheckoutLineBody) => line?.offerId, { message: 'must not list an offer twice' })
  @Nested(() => CheckoutLineBody, { each: true })
  lines?: CheckoutLineBody[];
}
