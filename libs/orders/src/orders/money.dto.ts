import { ApiProperty } from '@nestjs/swagger';

/** An amount as the API shows it: exact minor units, as a string, with the currency. */
export class MoneyView {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Minor units of the currency.', example: '2499' }) amountMinor: string;
}

/** An amount with its text for the buyer: formatted in the channel's locale, as search formats prices. */
export class FormattedMoneyView extends MoneyView {
  @ApiProperty({ description: "The amount formatted for the channel's locale.", example: '€ 24,99' }) amount: string;
}
