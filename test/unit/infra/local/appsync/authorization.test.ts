/**
 * Field-level authorization read from the schema's directives, as AppSync applies it.
 * https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#using-additional-authorization-modes
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  allows,
  buildAccessTable,
  isAuthorized,
  unauthorizedMessage,
} from '../../../../../infra/local/appsync/authorization';
import { projectRoot } from '../../../../../infra/resolver-bundles';
import type { AuthMode, Principal } from '../../../../../infra/local/appsync/types';
import { cognitoIdentity, iamIdentity } from '../../../../support/resolver-harness';

/** AppSync's own scalars and directives (never deployed: AppSync supplies them). */
const appSyncSdl = readFileSync(path.join(projectRoot, 'schema/appsync.graphql'), 'utf8');

const sdl = /* GraphQL */ `
  type Query {
    "No directive: the API's default mode decides."
    open: String
    workerOnly: String @aws_iam
    adminOnly: String @aws_cognito_user_pools(cognito_groups: ["admin"])
    adminOrWorker: String @aws_iam @aws_cognito_user_pools(cognito_groups: ["admin"])
    editorsByAuth: String @aws_auth(cognito_groups: ["editor"])
    post: Post
    report: Report
    adminThing: AdminThing
    plain: Plain
  }

  "Both modes named on the type: every field without its own directive takes them."
  type Post @aws_iam @aws_cognito_user_pools {
    id: ID!
    title: String
    "A field's own directive replaces its type's."
    workerNotes: String @aws_iam
  }

  "@aws_iam alone: naming a mode on a type drops the default mode for it."
  type Report @aws_iam {
    id: ID!
  }

  type AdminThing @aws_cognito_user_pools(cognito_groups: ["admin"]) {
    id: ID!
  }

  type Plain {
    id: ID!
  }
`;

const schema = buildSchema(`${appSyncSdl}\n${sdl}`);

function userPool(groups?: string[]): Principal {
  return { mode: 'AMAZON_COGNITO_USER_POOLS', identity: cognitoIdentity('user-1', groups ? { groups } : {}) };
}

const worker: Principal = { mode: 'AWS_IAM', identity: iamIdentity() };

function tableFor(defaultMode: AuthMode = 'AMAZON_COGNITO_USER_POOLS') {
  return buildAccessTable(schema, defaultMode);
}

describe('Function: buildAccessTable / isAuthorized', () => {
  it('lets the default mode, and only it, resolve a field without directives', () => {
    // Prepare
    const userPoolDefault = tableFor('AMAZON_COGNITO_USER_POOLS');
    const iamDefault = tableFor('AWS_IAM');

    // Act & Assess
    // "any type that doesn't have a specific directive has to pass the API level authorization setting"
    expect(isAuthorized(userPoolDefault, 'Query', 'open', userPool())).toBe(true);
    expect(isAuthorized(userPoolDefault, 'Query', 'open', worker)).toBe(false);
    expect(isAuthorized(iamDefault, 'Query', 'open', worker)).toBe(true);
    expect(isAuthorized(iamDefault, 'Query', 'open', userPool())).toBe(false);
    // A type without directives: its fields too fall back to the default mode.
    expect(isAuthorized(userPoolDefault, 'Plain', 'id', userPool())).toBe(true);
    expect(isAuthorized(userPoolDefault, 'Plain', 'id', worker)).toBe(false);
  });

  it("applies a type's directives to every field of it that has none of its own", () => {
    const table = tableFor();
    expect(isAuthorized(table, 'Post', 'id', userPool())).toBe(true);
    expect(isAuthorized(table, 'Post', 'title', worker)).toBe(true);
  });

  it("lets a field's own directives override its type's", () => {
    const table = tableFor();
    expect(isAuthorized(table, 'Post', 'workerNotes', worker)).toBe(true);
    expect(isAuthorized(table, 'Post', 'workerNotes', userPool())).toBe(false);
    // A directive on a field of an undirected type also replaces the default mode.
    expect(isAuthorized(table, 'Query', 'workerOnly', worker)).toBe(true);
    expect(isAuthorized(table, 'Query', 'workerOnly', userPool(['admin']))).toBe(false);
  });

  it('takes user-pool access away from a type marked @aws_iam without @aws_cognito_user_pools', () => {
    const table = tableFor();
    expect(isAuthorized(table, 'Report', 'id', worker)).toBe(true);
    expect(isAuthorized(table, 'Report', 'id', userPool(['admin']))).toBe(false);
  });

  it('records the access of types that carry directives, for the return-type check, and only theirs', () => {
    const table = tableFor();
    expect(allows(table.get('Report'), worker)).toBe(true);
    expect(allows(table.get('Report'), userPool())).toBe(false);
    expect(table.has('Post')).toBe(true);
    expect(table.has('Plain')).toBe(false);
    expect(table.has('Query')).toBe(false);
  });

  it('admits only members of the listed groups with @aws_cognito_user_pools(cognito_groups: [...])', () => {
    const table = tableFor();
    expect(isAuthorized(table, 'Query', 'adminOnly', userPool(['admin']))).toBe(true);
    expect(isAuthorized(table, 'Query', 'adminOnly', userPool(['editor', 'admin']))).toBe(true);
    expect(isAuthorized(table, 'Query', 'adminOnly', userPool(['editor']))).toBe(false);
    // A user in no group at all (`groups: null` in ctx.identity).
    expect(isAuthorized(table, 'Query', 'adminOnly', userPool())).toBe(false);
    expect(isAuthorized(table, 'Query', 'adminOnly', worker)).toBe(false);
  });

  it('applies cognito_groups given on a type to its fields', () => {
    const table = tableFor();
    expect(isAuthorized(table, 'AdminThing', 'id', userPool(['admin']))).toBe(true);
    expect(isAuthorized(table, 'AdminThing', 'id', userPool(['editor']))).toBe(false);
  });

  it('narrows only user-pool callers by groups when a field also allows IAM', () => {
    const table = tableFor();
    expect(isAuthorized(table, 'Query', 'adminOrWorker', worker)).toBe(true);
    expect(isAuthorized(table, 'Query', 'adminOrWorker', userPool(['admin']))).toBe(true);
    expect(isAuthorized(table, 'Query', 'adminOrWorker', userPool(['editor']))).toBe(false);
  });

  it('narrows the default user-pool mode to groups with @aws_auth(cognito_groups: [...])', () => {
    // "@aws_auth works only in the context of AMAZON_COGNITO_USER_POOLS" (security-authz.html);
    // @aws_cognito_user_pools takes the same arguments when other modes are configured.
    const table = tableFor('AMAZON_COGNITO_USER_POOLS');
    expect(isAuthorized(table, 'Query', 'editorsByAuth', userPool(['editor']))).toBe(true);
    expect(isAuthorized(table, 'Query', 'editorsByAuth', userPool(['viewer']))).toBe(false);
    expect(isAuthorized(table, 'Query', 'editorsByAuth', userPool())).toBe(false);
    // @aws_auth names no additional mode: IAM stays out.
    expect(isAuthorized(table, 'Query', 'editorsByAuth', worker)).toBe(false);
  });

  it('refuses a field the schema does not have', () => {
    const table = tableFor();
    expect(isAuthorized(table, 'Query', 'nope', userPool(['admin']))).toBe(false);
    expect(allows(undefined, worker)).toBe(false);
  });

  it('reads the Mediagraph pattern: a worker mutation returning a type open to both modes', () => {
    // Prepare: schema/schema.graphql's convention — worker types list both directives.
    const mediagraphLike = buildSchema(`${appSyncSdl}
      type Query { getMedia(id: ID!): Media }
      type Mutation { reportProgress(id: ID!): Media @aws_iam }
      type Media @aws_cognito_user_pools @aws_iam { id: ID! }
    `);
    const table = buildAccessTable(mediagraphLike, 'AMAZON_COGNITO_USER_POOLS');

    // Assess
    expect(isAuthorized(table, 'Mutation', 'reportProgress', worker)).toBe(true);
    expect(isAuthorized(table, 'Mutation', 'reportProgress', userPool(['admin']))).toBe(false);
    expect(isAuthorized(table, 'Query', 'getMedia', worker)).toBe(false);
    expect(isAuthorized(table, 'Media', 'id', worker)).toBe(true);
    expect(isAuthorized(table, 'Media', 'id', userPool())).toBe(true);
  });
});

describe('Function: unauthorizedMessage', () => {
  it("uses AppSync's wording", () => {
    // Observed AppSync response: "Not Authorized to access getCheck on type Query"
    // (github.com/aws/aws-appsync-community/issues/349).
    expect(unauthorizedMessage('Query', 'getCheck')).toBe('Not Authorized to access getCheck on type Query');
  });
});
