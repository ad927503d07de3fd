import { newChallenge } from '../ids.js';
import { httpSend } from './http-post.js';

export interface VerificationResult {
  /** The endpoint answered 200 with exactly the challenge. */
  readonly verified: boolean;
  /** Null when it could not be reached. */
  readonly status: number | null;
  readonly challenge: string;
  readonly body: string | null;
  readonly error: string | null;
}

/**
 * Meta's subscription handshake:
 * `GET <callback URL>?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<random>`;
 * the endpoint proves it is the app's by answering 200 with the challenge alone.
 */
export async function verifySubscription(
  webhookUrl: string,
  verifyToken: string,
  timeoutMs: number,
): Promise<VerificationResult> {
  const challenge = newChallenge();
  const url = new URL(webhookUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.verify_token', verifyToken);
  url.searchParams.set('hub.challenge', challenge);
  try {
    const answer = await httpSend(
      'GET',
      url.toString(),
      { 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' },
      null,
      timeoutMs,
    );
    return {
      verified: answer.status === 200 && answer.body === challenge,
      status: answer.status,
      challenge,
      body: answer.body,
      error: null,
    };
  } catch (error) {
    return {
      verified: false,
      status: null,
      challenge,
      body: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
