/**
 * appsync:GraphQL on exactly the declared fields: `arn:…:apis/<id>/types/<Type>/fields/<field>`,
 * never `types/Mutation/*`.
 * https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#aws-iam-authorization
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IGraphqlApi } from 'aws-cdk-lib/aws-appsync';

/** The ARN of one field (`Mutation.reportProgress`). */
export function fieldArn(api: IGraphqlApi, field: string): string {
  const [typeName, fieldName, ...rest] = field.split('.');
  if (!typeName || !fieldName || rest.length > 0) {
    throw new Error(`An API field is "Type.field", got "${field}"`);
  }
  return Stack.of(api).formatArn({
    service: 'appsync',
    resource: 'apis',
    resourceName: `${api.apiId}/types/${typeName}/fields/${fieldName}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** One statement allowing the given `Type.field`s. */
export function apiFieldStatement(api: IGraphqlApi, fields: readonly string[]): PolicyStatement {
  return new PolicyStatement({ effect: Effect.ALLOW, actions: ['appsync:GraphQL'], resources: fields.map((field) => fieldArn(api, field)) });
}
