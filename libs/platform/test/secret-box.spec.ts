import { randomBytes } from 'node:crypto';
import { SecretBox } from '#platform';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const secret = 'whsec_' + randomBytes(32).toString('base64');
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed)).toBe(secret);
  });

  it('seals the same secret differently each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a sealed secret that was tampered with or sealed under another key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
  });

  it('derives a stable key per label, unlike the key of another label or another box', () => {
    const key = randomBytes(32);
    const derived = new SecretBox(key).derive('channel-user-ref');
    expect(derived).toHaveLength(32);
    expect(derived.equals(key)).toBe(false);
    expect(new SecretBox(key).derive('channel-user-ref').equals(derived)).toBe(true);
    expect(new SecretBox(key).derive('another-purpose').equals(derived)).toBe(false);
    expect(new SecretBox(randomBytes(32)).derive('channel-user-ref').equals(derived)).toBe(false);
  });
});
