/**
 * The Cognito user pool: users sign in with their email; groups from infra/api.ts are the roles
 * the schema's directives and the resolvers check (`cognito:groups` in the ID token). One public
 * app client serves the web dashboard and mobile apps: no secret (it could not be kept), SRP
 * sign-in and refresh tokens, and the OAuth authorization-code flow (with PKCE) through the hosted
 * UI at `<prefix>.auth.<region>.amazoncognito.com`.
 */
import { CfnCondition, CfnParameter, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolGroup,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from '../nag-suppressions';
import { deploymentSettings } from '../settings';

/** The domain prefix parameter's default: derive a prefix unique to the account. */
const AUTOMATIC_PREFIX = 'automatic';

export interface UserDirectoryProps {
  /** Cognito groups to create (infra/api.ts `auth.groups`). */
  readonly groups: readonly string[];
  /**
   * Sign-in and sign-out return addresses the stack itself serves (the dashboard's URL), allowed in
   * addition to the `OAuthCallbackUrls` parameter's. @default none
   */
  readonly redirectUrls?: readonly string[];
}

/** The user pool, its groups, the app client and the hosted UI domain. */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const domainPrefix = new CfnParameter(stack, 'HostedUiDomainPrefix', {
      type: 'String',
      default: AUTOMATIC_PREFIX,
      description: `Prefix of the hosted UI domain (<prefix>.auth.<region>.amazoncognito.com); "${AUTOMATIC_PREFIX}": mediagraph-<account id>`,
      allowedPattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
    });
    const callbackUrls = new CfnParameter(stack, 'OAuthCallbackUrls', {
      type: 'CommaDelimitedList',
      default: deploymentSettings.defaultCallbackUrls.join(','),
      description: "Where the hosted UI may return users after sign-in and sign-out (web and mobile app URLs), besides the stack's own dashboard",
    });

    this.userPool = new UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      autoVerify: { email: true },
      selfSignUpEnabled: true,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP authenticator apps, no SMS): every user can turn it on; requiring it would block sign-in from the mobile app until each user enrols an authenticator.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Essentials feature plan: 10,000 monthly active users free, then $0.015 each; Plus (threat protection) bills $0.02 for every active user. Switch featurePlan to PLUS where compromised-credential detection is worth that.',
    );

    props.groups.forEach((group, precedence) => {
      new UserPoolGroup(this, `Group-${group}`, {
        userPool: this.userPool,
        groupName: group,
        // Listed first = most privileged: Cognito puts the lowest precedence's role in tokens.
        precedence,
        description: `Mediagraph role ${group} (infra/api.ts auth.groups)`,
      });
    });

    const urls = allowedRedirects(callbackUrls.valueAsList, props.redirectUrls ?? []);
    this.client = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: urls,
        logoutUrls: urls,
      },
    });

    const useDefaultPrefix = new CfnCondition(this, 'UseDefaultDomainPrefix', { expression: Fn.conditionEquals(domainPrefix.valueAsString, AUTOMATIC_PREFIX) });
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: {
        domainPrefix: Fn.conditionIf(useDefaultPrefix.logicalId, Fn.join('-', ['mediagraph', stack.account]), domainPrefix.valueAsString).toString(),
      },
    });
  }
}

/**
 * The parameter's list and the stack's own URLs as one list: CloudFormation can only append to a
 * list parameter by joining it into text and splitting that again.
 */
function allowedRedirects(parameterUrls: string[], ownUrls: readonly string[]): string[] {
  if (ownUrls.length === 0) return Token.asList(parameterUrls);
  return Fn.split(',', Fn.join(',', [Fn.join(',', parameterUrls), ...ownUrls]));
}
