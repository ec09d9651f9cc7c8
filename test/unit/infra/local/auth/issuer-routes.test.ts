import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIssuerRequest } from '../../../../../infra/local/auth/issuer-routes';
import { openLocalIssuer } from '../../../../../infra/local/auth/issuer';
import type { LocalIssuer } from '../../../../../infra/local/auth/issuer';

const ISSUER_URL = 'http://127.0.0.1:4000/cognito/local_mediagraph';
let dataDir: string;
let issuer: LocalIssuer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mediagraph-routes-'));
  issuer = await openLocalIssuer({ dataDir, issuerUrl: ISSUER_URL, userPoolId: 'local_mediagraph', clientId: 'client' });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('Function: answerIssuerRequest', () => {
  it('serves the JWKS at <issuer>/.well-known/jwks.json', () => {
    // Act
    const response = answerIssuerRequest(issuer, 'GET', '/cognito/local_mediagraph/.well-known/jwks.json');

    // Assess
    expect(response?.statusCode).toBe(200);
    expect(response?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response?.body ?? '')).toEqual(issuer.jwks());
  });

  it('serves a discovery document naming the issuer and its JWKS', () => {
    // Act
    const response = answerIssuerRequest(issuer, 'GET', '/cognito/local_mediagraph/.well-known/openid-configuration');

    // Assess
    expect(JSON.parse(response?.body ?? '')).toMatchObject({ issuer: ISSUER_URL, jwks_uri: `${ISSUER_URL}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] });
  });

  it('leaves other paths to other routes and refuses methods other than GET and HEAD', () => {
    // Act & Assess
    expect(answerIssuerRequest(issuer, 'GET', '/graphql')).toBeUndefined();
    expect(answerIssuerRequest(issuer, 'GET', '/cognito/other_pool/.well-known/jwks.json')).toBeUndefined();
    expect(answerIssuerRequest(issuer, 'GET', '/cognito/local_mediagraph/.well-known/unknown')).toBeUndefined();
    expect(answerIssuerRequest(issuer, 'POST', '/cognito/local_mediagraph/.well-known/jwks.json')?.statusCode).toBe(405);
    expect(answerIssuerRequest(issuer, 'HEAD', '/cognito/local_mediagraph/.well-known/jwks.json')).toMatchObject({ statusCode: 200, body: '' });
  });
});
