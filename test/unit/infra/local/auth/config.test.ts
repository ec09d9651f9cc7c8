import { describe, expect, it } from 'vitest';
import {
  AuthConfigError,
  LOCAL_CLIENT_ID,
  LOCAL_USER_POOL_ID,
  baseUrlFromEnv,
  dataDirFromEnv,
  jwksUrl,
  localIssuerUrl,
  userPoolConfigFromEnv,
} from '../../../../../infra/local/auth/config';

describe('Module: auth config', () => {
  it('uses the local issuer at http://127.0.0.1:4000 by default', () => {
    // Act
    const config = userPoolConfigFromEnv({});

    // Assess
    expect(config).toEqual({
      kind: 'local',
      userPoolId: LOCAL_USER_POOL_ID,
      clientId: LOCAL_CLIENT_ID,
      region: 'us-east-1',
      issuerUrl: 'http://127.0.0.1:4000/cognito/local_mediagraph',
    });
    expect(jwksUrl(localIssuerUrl('http://127.0.0.1:4000/'))).toBe('http://127.0.0.1:4000/cognito/local_mediagraph/.well-known/jwks.json');
  });

  it('puts HOST and PORT into the issuer URL', () => {
    // Act & Assess
    expect(baseUrlFromEnv({ HOST: 'localhost', PORT: '4123' })).toBe('http://localhost:4123');
    expect(baseUrlFromEnv({ HOST: '::1', PORT: '4123' })).toBe('http://[::1]:4123');
    expect(() => baseUrlFromEnv({ PORT: 'eighty' })).toThrow(AuthConfigError);
  });

  it('reads DATA_DIR, defaulting to .data in the repo root', () => {
    // Act & Assess
    expect(dataDirFromEnv({ DATA_DIR: '/srv/mediagraph' })).toBe('/srv/mediagraph');
    expect(dataDirFromEnv({}, '/repo')).toBe('/repo/.data');
    expect(dataDirFromEnv({})).toMatch(/\/\.data$/);
  });

  it('switches to a real Cognito user pool when both its variables are set', () => {
    // Act
    const config = userPoolConfigFromEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_AbC123', COGNITO_CLIENT_ID: 'abc' });

    // Assess
    expect(config).toEqual({ kind: 'cognito', userPoolId: 'eu-west-1_AbC123', clientId: 'abc', region: 'eu-west-1' });
  });

  it('fails fast on half a Cognito configuration or a region that contradicts the pool id', () => {
    // Act & Assess
    expect(() => userPoolConfigFromEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_AbC123' })).toThrow(AuthConfigError);
    expect(() => userPoolConfigFromEnv({ COGNITO_USER_POOL_ID: 'eu-west-1_AbC123', COGNITO_CLIENT_ID: 'abc', AWS_REGION: 'us-east-1' })).toThrow(/is in eu-west-1/);
  });
});
