/**
 * The local user pool's users: each user name gets one `sub` for good, recorded in
 * `<dataDir>/auth/users.json` (0600), so data owned by `alice` stays hers across restarts.
 *
 * Why derive the `sub`: Cognito's `sub` is a random UUID fixed when the user is created ("a unique
 * identifier (UUID) for the authenticated user", amazon-cognito-user-pools-using-the-id-token).
 * Ours is shaped as a UUID v4 but computed as HMAC(secret, user name), so the server and the token
 * CLI, creating the same new user at the same moment, still agree on it. A `sub` already recorded
 * in the registry always wins.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { readIfExists, replaceAtomically } from './private-file';

/** One registered user. */
export interface RegisteredUser {
  readonly username: string;
  readonly sub: string;
  readonly createdAt: string;
}

/** The users the local issuer has issued tokens to. */
export interface UserRegistry {
  /** The user's `sub`, registering the user on first sight. */
  ensureUser(username: string): Promise<RegisteredUser>;
  /** Everyone registered so far. */
  listUsers(): Promise<RegisteredUser[]>;
}

/** `users.json` is not a registry (hand-edited or truncated). */
export class UserRegistryFileError extends Error {
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`The local user registry ${path} is unusable: ${problem}.`, options);
    this.name = 'UserRegistryFileError';
  }
}

interface StoredRegistry {
  version: 1;
  users: Record<string, { sub: string; createdAt: string }>;
}

const REGISTRY_FILE_NAME = 'users.json';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Opens the registry in `authDir`. Names are validated by the caller (`user-names.ts`).
 * @returns a registry backed by `<authDir>/users.json`
 */
export function openUserRegistry(authDir: string, subSecret: Buffer, now: () => Date = () => new Date()): UserRegistry {
  const path = join(authDir, REGISTRY_FILE_NAME);
  const known = new Map<string, RegisteredUser>();

  return {
    async ensureUser(username) {
      const cached = known.get(username);
      if (cached) return cached;
      const stored = await readRegistry(path);
      const existing = stored.users[username];
      if (existing) return remember(known, { username, ...existing });
      const created: RegisteredUser = { username, sub: deriveSub(subSecret, username), createdAt: now().toISOString() };
      // Re-read right before writing so a user another process added meanwhile is kept.
      const latest = await readRegistry(path);
      const raced = latest.users[username];
      if (raced) return remember(known, { username, ...raced });
      latest.users[username] = { sub: created.sub, createdAt: created.createdAt };
      await replaceAtomically(path, `${JSON.stringify(latest, null, 2)}\n`);
      return remember(known, created);
    },
    async listUsers() {
      const stored = await readRegistry(path);
      return Object.entries(stored.users).map(([username, user]) => ({ username, ...user }));
    },
  };
}

/**
 * A UUID v4-shaped `sub` for a user name: HMAC-SHA-256 under the pool's secret, with the version
 * and variant bits set as RFC 9562 requires for version 4.
 * @returns a lower-case UUID string
 */
export function deriveSub(subSecret: Buffer, username: string): string {
  const bytes = createHmac('sha256', subSecret).update(`sub\u0000${username}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function remember(known: Map<string, RegisteredUser>, user: RegisteredUser): RegisteredUser {
  known.set(user.username, user);
  return user;
}

async function readRegistry(path: string): Promise<StoredRegistry> {
  const text = await readIfExists(path);
  // Null-prototype maps: user names such as "constructor" or "__proto__" are valid in Cognito.
  if (text === undefined) return { version: 1, users: Object.create(null) as StoredRegistry['users'] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserRegistryFileError(path, 'it is not JSON', { cause: error });
  }
  if (!isStoredRegistry(parsed)) throw new UserRegistryFileError(path, 'expected { version: 1, users: { <name>: { sub, createdAt } } }');
  return { version: 1, users: Object.assign(Object.create(null) as StoredRegistry['users'], parsed.users) };
}

function isStoredRegistry(value: unknown): value is StoredRegistry {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { version?: unknown; users?: unknown };
  if (candidate.version !== 1 || typeof candidate.users !== 'object' || candidate.users === null) return false;
  return Object.values(candidate.users).every(
    (user: unknown) =>
      typeof user === 'object' &&
      user !== null &&
      typeof (user as { sub?: unknown }).sub === 'string' &&
      UUID.test((user as { sub: string }).sub) &&
      typeof (user as { createdAt?: unknown }).createdAt === 'string',
  );
}
