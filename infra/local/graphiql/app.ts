/// <reference lib="dom" />
/**
 * GraphiQL's page script: a fetcher that sends queries and mutations to `/graphql` with the signed-in
 * user's token and runs subscriptions over AppSync's real-time protocol, plus the sign-in bar.
 */
import { parse, type OperationDefinitionNode } from 'graphql';
import { createAppSyncRealtimeClient } from '../../client/appsync-realtime';

declare const React: { createElement(type: unknown, props: Record<string, unknown>): unknown };
declare const ReactDOM: { createRoot(element: Element): { render(node: unknown): void } };
declare const GraphiQL: unknown;

const TOKEN_KEY = 'mediagraph.idToken';
const graphqlEndpoint = `${location.origin}/graphql`;

const defaultQuery = `# Sign in above (a token from the local issuer), then run:
query MyLibrary {
  listMedia(limit: 10) {
    items { id name mediaType status progress createdAt tags { tag { path } source confidence } }
    nextToken
  }
}

mutation NewTag {
  createTag(input: { name: "Animal" }) { id path }
}

subscription Changes {
  onMediaChanged { id name status progress stage }
}
`;

function token(): string {
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

function describeToken(jwt: string): string {
  try {
    const claims = JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const groups = (claims['cognito:groups'] as string[] | undefined)?.join(', ');
    const expires = new Date(Number(claims.exp) * 1000).toLocaleTimeString();
    return `Signed in as ${String(claims['cognito:username'] ?? claims.username)}${groups ? ` (${groups})` : ''} · expires ${expires}`;
  } catch {
    return 'Token set (unreadable)';
  }
}

function showWho(): void {
  const jwt = token();
  document.getElementById('who')!.textContent = jwt ? describeToken(jwt) : 'Not signed in';
}

async function signIn(username: string, groups: string[]): Promise<void> {
  const response = await fetch('/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups }),
  });
  const body = (await response.json()) as { idToken?: string; message?: string };
  if (!response.ok || !body.idToken) {
    throw new Error(body.message ?? `Sign-in failed (${response.status})`);
  }
  localStorage.setItem(TOKEN_KEY, body.idToken);
  showWho();
}

const realtime = createAppSyncRealtimeClient({ graphqlEndpoint, auth: { mode: 'userPool', token } });

function isSubscription(query: string, operationName?: string | null): boolean {
  try {
    const operations = parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    return operation?.operation === 'subscription';
  } catch {
    return false;
  }
}

type Params = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };

/** GraphiQL's fetcher: a promise for queries and mutations, an observable for subscriptions. */
function fetcher(params: Params) {
  if (isSubscription(params.query, params.operationName)) {
    return {
      subscribe(observer: { next(value: unknown): void; error(error: unknown): void; complete(): void }) {
        const stop = realtime.subscribe(
          { query: params.query, variables: params.variables ?? {} },
          {
            next: (payload) => observer.next(payload),
            error: (error) => observer.next({ errors: error.errors.length > 0 ? error.errors : [{ message: error.message }] }),
            complete: () => observer.complete(),
          },
        );
        return { unsubscribe: stop };
      },
    };
  }
  return fetch(graphqlEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token() },
    body: JSON.stringify(params),
  }).then((response) => response.json());
}

document.getElementById('signin')!.addEventListener('submit', (event) => {
  event.preventDefault();
  const username = (document.getElementById('username') as HTMLInputElement).value.trim();
  const groups = (document.getElementById('groups') as HTMLInputElement).value
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  signIn(username, groups).catch((error: unknown) => {
    document.getElementById('who')!.textContent = String(error instanceof Error ? error.message : error);
  });
});
document.getElementById('paste')!.addEventListener('click', () => {
  const pasted = prompt('Paste an ID or access token (e.g. from `npm run token -- alice`):');
  if (pasted) {
    localStorage.setItem(TOKEN_KEY, pasted.trim());
    showWho();
  }
});

showWho();
ReactDOM.createRoot(document.getElementById('graphiql')!).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, shouldPersistHeaders: false }),
);
