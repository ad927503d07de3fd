import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The key for secrets at rest when none is configured: kept in a file beside the embedded
 * database's data, created on first use with owner-only permissions. External databases must
 * be given SOUK_ENCRYPTION_KEY instead (enforced by the configuration).
 */
export async function loadOrCreateKeyFile(path: string): Promise<Buffer> {
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
