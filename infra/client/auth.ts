/**
 * How the isomorphic clients authorise requests, in AppSync's two modes used by Mediagraph:
 * a Cognito user-pool token (sent as `Authorization`), or IAM SigV4 through a signing hook the
 * caller supplies (so the clients carry no AWS SDK).
 * https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html
 */

/** A request to sign: AppSync clients sign a POST of the GraphQL body. */
export interface SignableRequest {
  url: string;
  method: 'POST';
  /** Lower-case names; `host` included, since SigV4 signs it. */
  headers: Record<string, string>;
  body: string;
}

export type ClientAuth =
  | {
      mode: 'userPool';
      /** Returns the current token (ID or access token); called for every request. */
      token: () => string | Promise<string>;
    }
  | {
      mode: 'iam';
      /** Returns every header of the signed request (`authorization`, `x-amz-date`, `host`, …). */
      sign: (request: SignableRequest) => Promise<Record<string, string>>;
    };

// The headers amplify signs for real-time IAM requests (AWS_APPSYNC_REALTIME_HEADERS).
const IAM_BASE_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

/**
 * The authorization headers for one request to `url` with `body`, as AppSync expects them in a
 * real-time handshake or start message: `{Authorization, host}` for user pools, the signed
 * headers for IAM.
 */
export async function authorizationHeaders(auth: ClientAuth, url: string, body: string): Promise<Record<string, string>> {
  const host = new URL(url).host;
  switch (auth.mode) {
    case 'userPool':
      return { Authorization: await auth.token(), host };
    case 'iam':
      return auth.sign({ url, method: 'POST', headers: { ...IAM_BASE_HEADERS, host }, body });
  }
}
