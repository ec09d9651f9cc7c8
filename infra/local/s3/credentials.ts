/**
 * The access keys the local S3-API server accepts: access key id → secret (and, for temporary
 * credentials, the session token and its expiry). The runtime registers the worker credential and
 * whatever key signs presigned URLs; nothing else gets in.
 */

/** An access key pair the server accepts. */
export interface S3Credential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials: requests must carry this as `x-amz-security-token` / `X-Amz-Security-Token`. */
  readonly sessionToken?: string;
  /** When temporary credentials stop working (then S3 answers ExpiredToken). */
  readonly expiresAt?: Date;
  /**
   * The account the key belongs to: the `requester` of S3 events.
   * @default the server's account id
   */
  readonly accountId?: string;
}

/** Registered credentials by access key id. */
export interface CredentialRegistry {
  register(credential: S3Credential): void;
  /** @returns whether the key was registered */
  revoke(accessKeyId: string): boolean;
  lookup(accessKeyId: string): S3Credential | undefined;
}

/**
 * An in-memory registry (secrets are never written to disk or logged).
 * @returns a registry holding `initial`
 */
export function createCredentialRegistry(initial: readonly S3Credential[] = []): CredentialRegistry {
  const byKeyId = new Map<string, S3Credential>();
  const registry: CredentialRegistry = {
    register(credential) {
      if (!credential.accessKeyId || !credential.secretAccessKey) {
        throw new TypeError('An S3 credential needs an accessKeyId and a secretAccessKey');
      }
      byKeyId.set(credential.accessKeyId, credential);
    },
    revoke: (accessKeyId) => byKeyId.delete(accessKeyId),
    lookup: (accessKeyId) => byKeyId.get(accessKeyId),
  };
  for (const credential of initial) registry.register(credential);
  return registry;
}
