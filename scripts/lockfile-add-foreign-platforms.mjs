#!/usr/bin/env node
/**
 * The registry this project installs from holds the native packages for linux only. When npm
 * writes package-lock.json here it leaves out the other platforms' optional packages, and `npm ci`
 * then refuses the lockfile as out of sync. This adds those entries (version, os, cpu, optional)
 * without download addresses: npm skips them on other platforms, as it would with a full lockfile.
 * Run after any `npm install` that rewrites the lockfile: node scripts/lockfile-add-foreign-platforms.mjs
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LOCKFILE = 'package-lock.json';
const OS_NAMES = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openharmony', 'sunos', 'aix'];
const CPU_NAMES = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64'];

function missingPackages() {
  let output;
  try {
    output = execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
  }
  return [...output.matchAll(/Missing: (.+?)@\S* from lock file/g)].map((match) => match[1]);
}

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS_NAMES.find((candidate) => parts.includes(candidate));
  const cpu =
    parts.includes('eabi') || parts.includes('gnueabihf') || parts.includes('musleabihf')
      ? 'arm'
      : CPU_NAMES.find((candidate) => parts.includes(candidate));
  return { os, cpu };
}

const lock = JSON.parse(readFileSync(LOCKFILE, 'utf8'));
const missing = missingPackages();
for (const name of missing) {
  const parent = Object.entries(lock.packages).find(([, entry]) => entry.optionalDependencies?.[name]);
  if (!parent) throw new Error(`no package in the lockfile names ${name} as optional`);
  const [, parentEntry] = parent;
  const { os, cpu } = platformOf(name);
  lock.packages[`node_modules/${name}`] = {
    version: parentEntry.optionalDependencies[name].replace(/^[\^~=]/, ''),
    ...(parentEntry.dev ? { dev: true } : {}),
    optional: true,
    ...(os ? { os: [os] } : {}),
    ...(cpu ? { cpu: [cpu] } : {}),
  };
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(LOCKFILE, JSON.stringify(lock, null, 2) + '\n');
console.log(missing.length ? `added ${missing.length} foreign-platform entries` : 'lockfile already complete');
