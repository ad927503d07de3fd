import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SignInBody {
  @ApiProperty({
    description: 'An operator or retailer API key. It is exchanged for a session cookie and kept nowhere.',
    writeOnly: true,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  apiKey: string;
}

export class ConsoleSessionView {
  @ApiProperty({ enum: ['operator', 'retailer'] }) role: 'operator' | 'retailer';
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) retailerId: string | null;
  @ApiProperty({ type: String, nullable: true }) retailerName: string | null;
  @ApiProperty({ description: 'The name of the key the session was opened with.' }) keyName: string;
  @ApiProperty({ description: 'Send it as X-CSRF-Token on every request that changes something.' }) csrfToken: string;
  @ApiProperty({ description: 'The session ends at this instant at the latest, or after two idle hours.' })
  expiresAt: Date;
}
