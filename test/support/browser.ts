import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; SOUK_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.SOUK_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, and quiet: no sandbox (containers run as root), no GPU, no QUIC, no background calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Launches the system Chromium through playwright-core; close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install it with apt-get install -y chromium (.ci/run does), or set SOUK_CHROMIUM.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 30_000 });
}

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `test-results/<name>/` in the repository (gitignored), made if missing: where UI tests save screenshots. */
export async function screenshotFolder(name: string): Promise<string> {
  const folder = join(REPOSITORY, 'test-results', name);
  await mkdir(folder, { recursive: true });
  return folder;
}
