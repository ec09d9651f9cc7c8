/**
 * Least-privilege DynamoDB statements: the table and each declared index by its exact ARN (no
 * `index/*`), and only the actions a level needs. Scan is never granted: nothing in Mediagraph
 * reads a whole table. TransactWriteItems and TransactGetItems are authorised per contained
 * action (PutItem, UpdateItem, DeleteItem, ConditionCheckItem, GetItem).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/api-permissions-reference.html
 */
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

export type TableAccess = 'read' | 'readWrite';

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'] as const;
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'] as const;
/** Indexes can only be queried (or scanned). */
export const INDEX_ACTIONS = ['dynamodb:Query'] as const;

/**
 * Statements granting `access` to the table and its indexes.
 * @returns one statement for the table, one for the indexes (when there are any)
 */
export function tableAccessStatements(table: ITable, indexNames: readonly string[], access: TableAccess): PolicyStatement[] {
  const actions = access === 'read' ? [...TABLE_READ_ACTIONS] : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
  const statements = [new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [table.tableArn] })];
  if (indexNames.length > 0) {
    statements.push(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...INDEX_ACTIONS],
        resources: indexNames.map((name) => `${table.tableArn}/index/${name}`),
      }),
    );
  }
  return statements;
}
