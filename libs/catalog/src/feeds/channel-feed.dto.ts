import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Omittable } from '#platform';

export class ChannelFeedQuery {
  @ApiProperty({
    maxLength: 200,
    description:
      "The channel's feed token (POST /v1/admin/channels/{id}/feed-token/rotate or /v1/channel/feed-token/rotate). " +
      'A wrong or missing one answers 404, as for a channel that does not exist.',
  })
  // Declared required, but a missing token is answered like a wrong one (404), not as a validation problem.
  @Omittable()
  @IsString()
  @MaxLength(200)
  token?: string;
}
