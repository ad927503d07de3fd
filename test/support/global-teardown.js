export default async function globalTeardown() {
  await globalThis.soukTestDatabase?.stop();
}
