import { describe, expect, it } from 'vitest';
import { createAppSyncRealtimeClient, realtimeUrlFor } from '../../../../infra/client/appsync-realtime';

describe('Function: realtimeUrlFor', () => {
  it('derives the URLs amplify-js derives', () => {
    // AppSync's own domain: appsync-api → appsync-realtime-api, same path.
    expect(realtimeUrlFor('https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql')).toBe(
      'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
    );
    // Any other domain (custom domain, the local runtime): + /realtime.
    expect(realtimeUrlFor('https://api.example.com/graphql')).toBe('wss://api.example.com/graphql/realtime');
    expect(realtimeUrlFor('http://127.0.0.1:4000/graphql')).toBe('ws://127.0.0.1:4000/graphql/realtime');
  });
});

describe('Function: createAppSyncRealtimeClient', () => {
  it('refuses to start without a WebSocket implementation', () => {
    // Prepare: hide any global WebSocket (Node 22 and browsers have one; Node 20 does not).
    const holder = globalThis as { WebSocket?: unknown };
    const saved = holder.WebSocket;
    delete holder.WebSocket;
    try {
      // Act & Assess
      expect(() =>
        createAppSyncRealtimeClient({ graphqlEndpoint: 'http://127.0.0.1:1/graphql', auth: { mode: 'userPool', token: () => 't' } }),
      ).toThrow(/No WebSocket implementation/);
    } finally {
      if (saved !== undefined) holder.WebSocket = saved;
    }
  });
});
