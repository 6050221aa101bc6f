// Password hashing with scrypt (memory-hard, in Node's crypto, no native addon to build).
// Stored as `scrypt$N$r$p$salt$hash` so parameters can be raised later without breaking old hashes.
import { randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt's cost. Under vitest (server suites and the servers the browser and crash tests start) it is 1024:
 * a hash there costs ~5 ms instead of ~70, and the suites hash a password on every sign-up, login and test
 * file (a thousand times a run). Each stored hash carries its own N, so verifying never depends on this.
 */
const N = process.env.VITEST === "true" ? 1024 : 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to verify against when the account does not exist, so timing does not reveal which phones exist. */
export const decoyHash = await hashPassword("decoy-password-never-matches");

const ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/**
 * A password to print once (the owner's first one): letters and digits only, without look-alikes (0/O, 1/l/I),
 * so nothing at its edges reads as formatting (a leading "_" did) and it can be typed from the terminal.
 * 18 characters of 56 symbols ≈ 104 bits.
 */
export function generatePassword(length = 18): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join("");
}
