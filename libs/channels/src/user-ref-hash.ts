import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SecretBox } from '#platform';

/**
 * How a channel's end user is stored: HMAC-SHA256 of `channelId:userRef` under a key derived from
 * the platform's encryption key. Channels often use phone numbers as references; hashed with a key
 * the database does not hold, they cannot be recovered from the table (nor found by hashing every
 * phone number), and since the channel is in the hash the same reference gives a different user in
 * another channel. References are compared exactly, as the channel sends them.
 */
@Injectable()
export class UserRefHash {
  private readonly key: Buffer;

  constructor(box: SecretBox) {
    this.key = box.derive('channel-user-ref');
  }

  of(channelId: string, userRef: string): Buffer {
    return createHmac('sha256', this.key).update(`${channelId}:${userRef}`, 'utf8').digest();
  }
}
