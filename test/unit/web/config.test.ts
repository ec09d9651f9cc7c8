import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../web/src/api/config';
import { authorizeUrl, base64Url } from '../../../web/src/api/hosted-ui';
import { readClaims } from '../../../web/src/api/token';
import { dashboardConfig } from '../../../infra/local/web/dashboard-config';

describe('Function: parseConfig', () => {
  it("reads the local runtime's config, resolving its URLs against the page's origin", () => {
    // Prepare: what infra/local/web serves.
    const served = dashboardConfig({ kind: 'local', userPoolId: 'local_mediagraph', clientId: 'c', region: 'us-east-1', issuerUrl: 'http://x' }, ['admin', 'editor'], null);

    // Act
    const config = parseConfig(JSON.parse(JSON.stringify(served)), 'http://localhost:4000');

    // Assess
    expect(config).toEqual({ graphqlUrl: 'http://localhost:4000/graphql', realtimeUrl: null, region: 'us-east-1', auth: { kind: 'local', tokenUrl: 'http://localhost:4000/auth/token', groups: ['admin', 'editor'] } });
  });

  it("reads the stack's outputs file as written by cdk deploy --outputs-file", () => {
    const outputs = {
      Mediagraph: {
        GraphQLUrl: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
        RealtimeUrl: 'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
        Region: 'eu-west-1',
        UserPoolId: 'eu-west-1_abc',
        UserPoolClientId: 'client123',
        HostedUiDomain: 'https://media.auth.eu-west-1.amazoncognito.com/',
      },
    };
    expect(parseConfig(outputs, 'https://app.example.com')).toEqual({
      graphqlUrl: outputs.Mediagraph.GraphQLUrl,
      realtimeUrl: outputs.Mediagraph.RealtimeUrl,
      region: 'eu-west-1',
      auth: { kind: 'cognito', region: 'eu-west-1', userPoolId: 'eu-west-1_abc', clientId: 'client123', hostedUiDomain: 'https://media.auth.eu-west-1.amazoncognito.com' },
    });
  });

  it('names the field that is wrong', () => {
    expect(() => parseConfig({ graphqlUrl: '/graphql', auth: { kind: 'saml' } }, 'http://x')).toThrow(ConfigError);
    expect(() => parseConfig({ auth: { kind: 'local' } }, 'http://x')).toThrow(/graphqlUrl/);
  });
});

describe('Function: authorizeUrl', () => {
  it("asks Cognito's hosted UI for a code with an S256 PKCE challenge", () => {
    const url = new URL(authorizeUrl({ domain: 'https://media.auth.eu-west-1.amazoncognito.com', clientId: 'client123', redirectUri: 'https://app.example.com/app/' }, 'challenge', 'state-1'));
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: 'https://app.example.com/app/',
      scope: 'openid email profile',
      state: 'state-1',
      code_challenge: 'challenge',
      code_challenge_method: 'S256',
    });
  });

  it('encodes base64url without padding (RFC 7636)', () => {
    expect(base64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
  });
});

describe('Function: readClaims', () => {
  it("reads the user name, groups and expiry of a Cognito ID token, and refuses what is not a JWT", () => {
    const payload = Buffer.from(JSON.stringify({ sub: 's1', 'cognito:username': 'alice', 'cognito:groups': ['editor'], exp: 1700000000 })).toString('base64url');
    expect(readClaims(`h.${payload}.sig`)).toEqual({ username: 'alice', groups: ['editor'], expiresAt: 1700000000, sub: 's1' });
    expect(readClaims('nonsense')).toBeNull();
  });
});
