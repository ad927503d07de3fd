import { ApiProperty } from '@nestjs/swagger';

/** An amount as the API shows it: exact minor units, as a string, with the currency. */
export class MoneyView {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Minor units of the currency.', example: '2499' }) amountMinor: string;
}
