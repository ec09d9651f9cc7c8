/**
 * AppSync's field-level authorization from the schema's directives: a field's own directives win,
 * else its type's, else the API's default mode. `cognito_groups` narrows user-pool access to groups.
 * https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#using-additional-authorization-modes
 */
import {
  type ConstDirectiveNode,
  type GraphQLSchema,
  isObjectType,
  Kind,
  type ValueNode,
} from 'graphql';
import type { AuthMode, CognitoIdentity, Principal } from './types';

/** Which callers may resolve one field. */
export interface FieldAccess {
  readonly modes: ReadonlySet<AuthMode>;
  /** For user pools: only members of these groups (null: any signed-in user). */
  readonly cognitoGroups: readonly string[] | null;
}

const directiveModes: Readonly<Record<string, AuthMode>> = {
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_iam: 'AWS_IAM',
};

/**
 * `Type.field` → access, for every field of every object type in the schema; and `Type` → access
 * for object types that carry directives of their own (AppSync also checks a field's return type).
 */
export type AccessTable = ReadonlyMap<string, FieldAccess>;

/** Reads every object type's and field's auth directives once. */
export function buildAccessTable(schema: GraphQLSchema, defaultMode: AuthMode): AccessTable {
  const table = new Map<string, FieldAccess>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    const typeAccess = accessFrom(type.astNode?.directives ?? []);
    if (typeAccess) {
      table.set(type.name, typeAccess);
    }
    for (const field of Object.values(type.getFields())) {
      const fieldAccess = accessFrom(field.astNode?.directives ?? []);
      const access = fieldAccess ?? typeAccess ?? { modes: new Set([defaultMode]), cognitoGroups: null };
      table.set(`${type.name}.${field.name}`, withAuthGroups(access, field.astNode?.directives ?? [], defaultMode));
    }
  }
  return table;
}

/** True when the principal may resolve `Type.field` (unknown fields: never). */
export function isAuthorized(table: AccessTable, typeName: string, fieldName: string, principal: Principal): boolean {
  return allows(table.get(`${typeName}.${fieldName}`), principal);
}

/** True when `access` admits the principal's mode (and, for user pools, one of its groups). */
export function allows(access: FieldAccess | undefined, principal: Principal): boolean {
  if (!access || !access.modes.has(principal.mode)) {
    return false;
  }
  if (principal.mode !== 'AMAZON_COGNITO_USER_POOLS' || access.cognitoGroups === null) {
    return true;
  }
  const groups = (principal.identity as CognitoIdentity).groups ?? [];
  return access.cognitoGroups.some((group) => groups.includes(group));
}

/** AppSync's message for a field the caller may not resolve. */
export function unauthorizedMessage(typeName: string, fieldName: string): string {
  return `Not Authorized to access ${fieldName} on type ${typeName}`;
}

function accessFrom(directives: readonly ConstDirectiveNode[]): FieldAccess | null {
  const modes = new Set<AuthMode>();
  let cognitoGroups: string[] | null = null;
  for (const directive of directives) {
    const mode = directiveModes[directive.name.value];
    if (!mode) {
      continue;
    }
    modes.add(mode);
    if (mode === 'AMAZON_COGNITO_USER_POOLS') {
      cognitoGroups = groupsArgument(directive);
    }
  }
  return modes.size > 0 ? { modes, cognitoGroups } : null;
}

/** `@aws_auth(cognito_groups: [...])` restricts the default (user pool) mode on a field. */
function withAuthGroups(access: FieldAccess, directives: readonly ConstDirectiveNode[], defaultMode: AuthMode): FieldAccess {
  const awsAuth = directives.find((d) => d.name.value === 'aws_auth');
  if (!awsAuth || defaultMode !== 'AMAZON_COGNITO_USER_POOLS') {
    return access;
  }
  return { modes: access.modes, cognitoGroups: groupsArgument(awsAuth) };
}

function groupsArgument(directive: ConstDirectiveNode): string[] | null {
  const argument = directive.arguments?.find((a) => a.name.value === 'cognito_groups');
  if (!argument) {
    return null;
  }
  return listOfStrings(argument.value);
}

function listOfStrings(value: ValueNode): string[] {
  if (value.kind === Kind.LIST) {
    return value.values.flatMap(listOfStrings);
  }
  return value.kind === Kind.STRING ? [value.value] : [];
}
