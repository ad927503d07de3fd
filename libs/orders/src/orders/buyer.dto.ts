import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { COUNTRY_CODES } from '#domain';
import { Nullable, RequiredWithout } from '#platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** A phone number as E.164 digits, with or without the "+" (WhatsApp gives "31612345678"); stored with it. */
const E164 = /^\+[1-9][0-9]{6,14}$/;
const toE164 = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return /^[1-9][0-9]{6,14}$/.test(text) ? `+${text}` : text;
};

/** Who ordered: a name, and an email address or a phone number or both (a chat buyer may have only the phone). */
export class CustomerBody {
  @ApiProperty({ example: 'Fatima el Amrani', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    example: 'fatima@example.nl',
    nullable: true,
    type: String,
    description: 'Required when there is no phone.',
  })
  @RequiredWithout('phone')
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({
    example: '+31612345678',
    nullable: true,
    type: String,
    description:
      'E.164: the country code and number, 7 to 15 digits, with or without a leading "+" (stored with it). ' +
      'Required when there is no email.',
  })
  @RequiredWithout('email')
  @Transform(toE164)
  @IsString()
  @Matches(E164, { message: 'must be a phone number in E.164 format, such as +31612345678' })
  phone?: string | null;
}

/** The customer as stored and shown: both contact fields are present, null when not given. */
export class CustomerView {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'E.164, with the "+".' }) phone: string | null;
}

export class AddressBody {
  @ApiProperty({ example: 'Fatima el Amrani', description: 'Who receives the parcel.' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Damrak 1' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  line1: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @Nullable()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  line2?: string | null;

  @ApiProperty({ example: '1012 LG' })
  @Transform(trim)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,18}[A-Za-z0-9]?$/, {
    message: 'must be a postal code: letters, digits, spaces and hyphens, at most 20',
  })
  postalCode: string;

  @ApiProperty({ example: 'Amsterdam' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(100)
  city: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Noord-Holland' })
  @Nullable()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  region?: string | null;

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2.' })
  @Transform(upper)
  @IsIn(COUNTRY_CODES, { message: 'must be an ISO 3166-1 alpha-2 country code such as NL' })
  country: string;
}
