/**
 * The local issuer's RS256 key pairs, generated once and kept under `<dataDir>/auth/` (0600), so
 * tokens stay valid across restarts and the token CLI signs with the same keys as the server.
 *
 * Why two keys: Cognito signs ID tokens and access tokens with different keys — "the key ID (kid)
 * is different because different keys are used to sign ID tokens and access tokens"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html).
 * The file also holds the secret that derives users' `sub`s (see `user-registry.ts`).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createOnce, readIfExists, restrictToOwner } from './private-file';

const generateRsaKeyPair = promisify(generateKeyPair);

/** What a key signs, as Cognito's `token_use` names it. */
export type TokenUse = 'id' | 'access';

/** A public key as a JWKS lists it (Cognito's JWKS entries carry exactly these fields). */
export interface PublicJwk {
  readonly alg: 'RS256';
  readonly e: string;
  readonly kid: string;
  readonly kty: 'RSA';
  readonly n: string;
  readonly use: 'sig';
}

/** One RS256 key pair with its key id. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: PublicJwk;
}

/** The issuer's key material. */
export interface SigningKeys {
  readonly id: SigningKey;
  readonly access: SigningKey;
  /** Secret that derives a stable `sub` from a user name. */
  readonly subSecret: Buffer;
}

/** The key file exists but cannot be used (hand-edited, truncated, other format). */
export class SigningKeyFileError extends Error {
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`The local issuer's key file ${path} is unusable: ${problem}. Delete it to generate new keys (tokens signed with the old keys will stop verifying).`, options);
    this.name = 'SigningKeyFileError';
  }
}

interface StoredKeyFile {
  version: 1;
  keys: Array<{ use: TokenUse; privateKeyPem: string }>;
  subSecret: string;
}

const KEY_FILE_NAME = 'signing-keys.json';

/**
 * Loads the issuer's keys from `<authDir>/signing-keys.json`, generating them on first use.
 * @throws {SigningKeyFileError} when the file exists but is not a key file
 * @returns the ID-token key, the access-token key and the sub secret
 */
export async function loadOrCreateSigningKeys(authDir: string): Promise<SigningKeys> {
  const path = join(authDir, KEY_FILE_NAME);
  const existing = await readIfExists(path);
  const text = existing ?? (await createOnce(path, await generateKeyFile()));
  await restrictToOwner(path);
  return parseKeyFile(path, text);
}

async function generateKeyFile(): Promise<string> {
  const [id, access] = await Promise.all([generatePrivateKeyPem(), generatePrivateKeyPem()]);
  const file: StoredKeyFile = {
    version: 1,
    keys: [
      { use: 'id', privateKeyPem: id },
      { use: 'access', privateKeyPem: access },
    ],
    subSecret: randomBytes(32).toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

async function generatePrivateKeyPem(): Promise<string> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function parseKeyFile(path: string, text: string): SigningKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SigningKeyFileError(path, 'it is not JSON', { cause: error });
  }
  if (!isStoredKeyFile(parsed)) throw new SigningKeyFileError(path, 'expected { version: 1, keys: [id, access], subSecret }');
  const subSecret = Buffer.from(parsed.subSecret, 'base64');
  if (subSecret.length < 32) throw new SigningKeyFileError(path, 'the sub secret is shorter than 32 bytes');
  return { id: toSigningKey(path, parsed, 'id'), access: toSigningKey(path, parsed, 'access'), subSecret };
}

function toSigningKey(path: string, file: StoredKeyFile, use: TokenUse): SigningKey {
  const stored = file.keys.find((key) => key.use === use);
  if (!stored) throw new SigningKeyFileError(path, `there is no ${use}-token key`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: stored.privateKeyPem, format: 'pem' });
  } catch (error) {
    throw new SigningKeyFileError(path, `the ${use}-token key is not a PEM private key`, { cause: error });
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new SigningKeyFileError(path, `the ${use}-token key is not an RSA key`);
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new SigningKeyFileError(path, `the ${use}-token key has no modulus`);
  const kid = keyId(publicKey);
  return { kid, privateKey, publicJwk: { alg: 'RS256', e: jwk.e, kid, kty: 'RSA', n: jwk.n, use: 'sig' } };
}

/** Cognito's kids look like base64 of a SHA-256 digest ("1234example="); ours is that of the SPKI. */
function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('base64');
}

function isStoredKeyFile(value: unknown): value is StoredKeyFile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<StoredKeyFile>;
  return (
    candidate.version === 1 &&
    typeof candidate.subSecret === 'string' &&
    Array.isArray(candidate.keys) &&
    candidate.keys.every(
      (key: unknown) =>
        typeof key === 'object' &&
        key !== null &&
        ((key as { use?: unknown }).use === 'id' || (key as { use?: unknown }).use === 'access') &&
        typeof (key as { privateKeyPem?: unknown }).privateKeyPem === 'string',
    )
  );
}
