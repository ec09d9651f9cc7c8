/**
 * `POST /auth/token` — the local issuer's sign-in for GraphiQL and the dashboard: a user name and
 * optional groups in, Cognito-shaped tokens out (`{ idToken, accessToken, expiresIn, tokenType }`,
 * as in Cognito's `AuthenticationResult`). Only served when the runtime trusts its own issuer: it
 * signs whoever asks, which is what a local development pool is for, and why it listens on loopback.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../appsync/http-handler';
import type { LocalIssuer } from './issuer';
import { InvalidParameterError } from './user-names';

const MAX_BODY_BYTES = 16 * 1024;

export async function handleTokenRequest(req: IncomingMessage, res: ServerResponse, issuer: LocalIssuer): Promise<void> {
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, headers).end();
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { ...headers, allow: 'POST' }).end(JSON.stringify({ __type: 'MethodNotAllowed', message: 'Use POST' }));
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, MAX_BODY_BYTES));
  } catch {
    res.writeHead(400, headers).end(JSON.stringify({ __type: 'InvalidParameterException', message: 'Body must be JSON: {"username": "...", "groups": ["..."]}' }));
    return;
  }
  const { username, groups, email } = (body ?? {}) as { username?: unknown; groups?: unknown; email?: unknown };
  if (typeof username !== 'string' || (groups !== undefined && (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')))) {
    res.writeHead(400, headers).end(JSON.stringify({ __type: 'InvalidParameterException', message: 'username must be a string and groups a list of strings' }));
    return;
  }
  try {
    const tokens = await issuer.issueTokens({
      username,
      groups: (groups as string[] | undefined) ?? [],
      email: typeof email === 'string' ? email : undefined,
    });
    res.writeHead(200, headers).end(JSON.stringify(tokens));
  } catch (error) {
    if (error instanceof InvalidParameterError) {
      res.writeHead(400, headers).end(JSON.stringify({ __type: error.errorType, message: error.message }));
      return;
    }
    throw error;
  }
}
