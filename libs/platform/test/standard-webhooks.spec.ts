import { standardWebhookSignature, verifyStandardWebhook } from '#platform';

describe('Standard Webhooks signatures', () => {
  // The example from the Standard Webhooks specification.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('signs the specification example to its published signature', () => {
    expect(standardWebhookSignature(secret, id, timestamp, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('verifies a header listing several signatures, and refuses a changed body, id or time', () => {
    const signature = standardWebhookSignature(secret, id, timestamp, body);
    expect(verifyStandardWebhook(secret, id, timestamp, body, `v1,bm90IGl0 ${signature}`)).toBe(true);
    expect(verifyStandardWebhook(secret, id, timestamp, body + ' ', signature)).toBe(false);
    expect(verifyStandardWebhook(secret, 'msg_other', timestamp, body, signature)).toBe(false);
    expect(verifyStandardWebhook(secret, id, timestamp + 1, body, signature)).toBe(false);
  });
});
