/** GraphQL request text from a string or a parsed document (printed with graphql-js). */
import { print } from 'graphql';
import type { DocumentNode } from 'graphql';

/** Returns the query as the text AppSync expects in a request body. */
export const queryText = (query: string | DocumentNode): string => (typeof query === 'string' ? query : print(query));
