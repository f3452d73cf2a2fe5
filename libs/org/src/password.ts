import { scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { hash, verify } from '@node-rs/argon2';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/**
 * Argon2id with OWASP's parameters (19 MiB of memory, 2 passes, 1 lane): memory-hard, so guessing a stolen hash
 * costs memory as well as time. Stored in the PHC form `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
 * `algorithm: 2` is `Algorithm.Argon2id` (a const enum, which isolatedModules cannot read).
 */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Checks a password against an argon2id hash, or an older `scrypt$<salt b64>$<hash b64>` one. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) return verify(stored, password).catch(() => false);
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scryptAsync(password, Buffer.from(saltB64, 'base64'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash predates argon2id (or its parameters) and should be replaced at the next good login. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`);
}

/** A hash of nothing anyone knows, verified when the username is unknown so both answers take as long. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`no such user ${Math.random()}`);
  return dummy;
}
