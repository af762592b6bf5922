// Random identifiers: record ids and the workspace's 256-bit secret key.

function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A record id: 128 random bits, so two offline devices never collide. */
export function newId(): string {
  return randomHex(16);
}

/** A workspace secret: 256 random bits, hex. Only its hash ever leaves the device. */
export function newSecretKey(): string {
  return randomHex(32);
}
