/**
 * AppSync's NONE data source: no call is made; the request handler's `payload` becomes `ctx.result`.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-none-js.html
 */
import type { DataSource } from '../types';

export function createNoneDataSource(name: string): DataSource {
  return {
    name,
    async invoke(request) {
      const payload = request && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
      return { result: payload ?? null };
    },
  };
}
