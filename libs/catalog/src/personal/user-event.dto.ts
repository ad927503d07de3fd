import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, IsUUID, Length } from 'class-validator';
import { USER_REF_DESCRIPTION, USER_REF_LENGTH, USER_REF_MAX_LENGTH } from '#channels';
import { Omittable } from '#platform';
import { USER_EVENT_TYPES, type UserEventType } from './user-event.entity.js';

export class RecordUserEventBody {
  @ApiProperty({ example: '+31612345678', maxLength: USER_REF_MAX_LENGTH, description: USER_REF_DESCRIPTION })
  @IsString()
  @Length(1, USER_REF_MAX_LENGTH, USER_REF_LENGTH)
  userRef: string;

  @ApiProperty({ enum: USER_EVENT_TYPES, description: "Weighs 1, 3 and 5 in the user's interests." })
  @IsIn(USER_EVENT_TYPES, { message: `must be one of ${USER_EVENT_TYPES.join(', ')}` })
  type: UserEventType;

  @ApiProperty({ description: 'A product this channel may show; any other answers 404.' })
  @IsUUID('all', { message: 'must be a UUID' })
  productId: string;

  @ApiPropertyOptional({
    example: '2026-11-01T12:00:00Z',
    description:
      'When it happened (default: now); at most 5 minutes ahead, ' +
      'and not older than the retention period (SOUK_USER_EVENT_RETENTION_DAYS).',
  })
  @Omittable()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be an ISO 8601 date and time' })
  occurredAt?: string;
}

/** A stored event as the channel sees it: without the user reference, which is kept only as a hash. */
export class UserEventView {
  @ApiProperty({ description: 'Event id (a whole number, as a string).' }) id: string;
  @ApiProperty({ enum: USER_EVENT_TYPES }) type: UserEventType;
  @ApiProperty() productId: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "The unified category of the product's best visible offer, copied when the event arrived.",
  })
  categoryId: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The lower-cased brand of the product's best visible offer.",
  })
  brandKey: string | null;
  @ApiProperty() occurredAt: string;
}

export class ErasedUserEventsView {
  @ApiProperty({ description: "How many of the user's events were deleted." }) erased: number;
}

export class CategoryInterestView {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'Clothing' }) name: string;
  @ApiProperty({ description: 'In (0, 1]; the strongest interest is 1.' }) weight: number;
}

export class BrandInterestView {
  @ApiProperty({ example: 'acme', description: 'Lower-cased, as brand filters and facets compare it.' }) key: string;
  @ApiProperty({ description: 'In (0, 1]; the strongest interest is 1.' }) weight: number;
}

export class UserInterestsView {
  @ApiProperty({ type: [CategoryInterestView], description: 'Up to 10, strongest first.' })
  categories: CategoryInterestView[];
  @ApiProperty({ type: [BrandInterestView], description: 'Up to 10, strongest first.' }) brands: BrandInterestView[];
}
