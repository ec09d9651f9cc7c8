/** The API environment variables resolvers read (declared in infra/api.ts `resolverEnvironment`). */
import { util, type Context } from '@aws-appsync/utils';

/** The table's real name, which batch and transaction requests must state. */
export function tableName(ctx: Context): string {
  const name = ctx.env.TABLE_NAME;
  if (!name) {
    util.error('TABLE_NAME is not configured for this API', 'ConfigurationError');
  }
  return name as string;
}
