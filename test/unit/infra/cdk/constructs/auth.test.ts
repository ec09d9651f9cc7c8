import { beforeAll, describe, expect, it } from 'vitest';
import { auth } from '../../../../../infra/api';
import { logicalIdOf, render, resourcesOfType, synthesizeStack, type SynthesizedStack } from '../synthesized-stack';

describe('Construct: UserDirectory (Cognito, groups from infra/api.ts)', () => {
  let synthesized: SynthesizedStack;
  let pool: Record<string, unknown>;
  let poolId: string;
  beforeAll(async () => {
    synthesized = await synthesizeStack();
    [[poolId, pool]] = resourcesOfType(synthesized.resources, 'AWS::Cognito::UserPool') as [[string, Record<string, unknown>]];
  }, 120_000);

  it('creates one group per declared role, in the user pool', () => {
    // Prepare
    const groups = resourcesOfType(synthesized.resources, 'AWS::Cognito::UserPoolGroup').map(([, properties]) => properties);

    // Assess
    expect(groups.map((group) => group.GroupName).sort()).toEqual([...auth.groups].sort());
    expect(groups.every((group) => render(group.UserPoolId) === `\${${poolId}}`)).toBe(true);
  });

  it('requires long passwords with every character class', () => {
    expect((pool.Policies as { PasswordPolicy: Record<string, unknown> }).PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
  });

  it('offers TOTP MFA, signs in by email and recovers by email only, and is retained', () => {
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
    expect(synthesized.resources[poolId]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('has a public app client for web and mobile: no secret, SRP and refresh, OAuth code flow', () => {
    // Prepare
    const [[, client]] = resourcesOfType(synthesized.resources, 'AWS::Cognito::UserPoolClient') as [[string, Record<string, unknown>]];

    // Assess
    expect(client.GenerateSecret).toBe(false);
    expect((client.ExplicitAuthFlows as string[]).sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    // The parameter's URLs and the dashboard's (dashboard.test.ts checks the list).
    expect(JSON.stringify(client.CallbackURLs)).toContain('{"Ref":"OAuthCallbackUrls"}');
    expect(client.LogoutURLs).toEqual(client.CallbackURLs);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
  });

  it('serves the hosted UI at the prefix given as a stack parameter, or one unique to the account', () => {
    // Prepare
    const [[, domain]] = resourcesOfType(synthesized.resources, 'AWS::Cognito::UserPoolDomain') as [[string, Record<string, unknown>]];
    const parameter = synthesized.template.findParameters('HostedUiDomainPrefix').HostedUiDomainPrefix!;

    // Assess
    expect(render(domain.UserPoolId)).toBe(`\${${poolId}}`);
    expect(JSON.stringify(domain.Domain)).toContain('"Ref":"HostedUiDomainPrefix"');
    expect(JSON.stringify(domain.Domain)).toContain('"Ref":"AWS::AccountId"');
    expect(parameter.Type).toBe('String');
  });

  it('is the user pool the API authorises with', () => {
    // Prepare
    const [[, api]] = resourcesOfType(synthesized.resources, 'AWS::AppSync::GraphQLApi') as [[string, Record<string, unknown>]];

    // Assess
    expect(render((api.UserPoolConfig as { UserPoolId: unknown }).UserPoolId)).toBe(`\${${logicalIdOf(synthesized.stack.users.userPool)}}`);
  });
});
