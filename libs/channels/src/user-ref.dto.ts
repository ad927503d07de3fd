import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** How long a channel's reference for its end user may be. */
export const USER_REF_MAX_LENGTH = 200;
export const USER_REF_LENGTH = { message: `must be 1 to ${USER_REF_MAX_LENGTH} characters` };
export const USER_REF_DESCRIPTION =
  "The channel's opaque reference for its end user (a phone number will do): " +
  'stored only as a keyed hash, compared exactly.';

/** The user reference in a path, URL-encoded. */
export class UserRefParams {
  @ApiProperty({ maxLength: USER_REF_MAX_LENGTH, description: USER_REF_DESCRIPTION })
  @IsString()
  @Length(1, USER_REF_MAX_LENGTH, USER_REF_LENGTH)
  userRef: string;
}
