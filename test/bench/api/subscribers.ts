/**
 * Child process of the API benchmark: opens `count` AppSync real-time connections (one subscription
 * each, as separate browsers would) and reports, per event, when each subscriber received it.
 * Several of these run side by side so that receiving 1,000 messages is not itself the bottleneck.
 */
import WebSocket from 'ws';

interface Start {
  realtimeUrl: string;
  host: string;
  token: string;
  count: number;
  query: string;
}

const now = () => performance.timeOrigin + performance.now();

process.once('message', (start: Start) => {
  const header = Buffer.from(JSON.stringify({ Authorization: start.token, host: start.host })).toString('base64url');
  const received = new Map<string, number[]>();
  const sockets: WebSocket[] = [];
  let acked = 0;
  for (let index = 0; index < start.count; index += 1) {
    const ws = new WebSocket(start.realtimeUrl, ['graphql-ws', `header-${header}`]);
    sockets.push(ws);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'connection_init' }));
      ws.send(
        JSON.stringify({
          id: `s${index}`,
          type: 'start',
          payload: {
            data: JSON.stringify({ query: start.query, variables: {} }),
            extensions: { authorization: { Authorization: start.token, host: start.host } },
          },
        }),
      );
    });
    ws.on('message', (raw) => {
      const at = now();
      const text = raw.toString();
      if (text.includes('"start_ack"')) {
        acked += 1;
        if (acked === start.count) {
          process.send?.({ ready: true });
        }
        return;
      }
      const marker = /"name":"(event-\d+)"/.exec(text);
      if (marker) {
        const stamps = received.get(marker[1]!) ?? [];
        stamps.push(at);
        received.set(marker[1]!, stamps);
      } else if (text.includes('"error"')) {
        process.send?.({ error: text });
      }
    });
  }
  process.on('message', (message: { report?: boolean }) => {
    if (message.report) {
      process.send?.({ received: Object.fromEntries(received) }, () => {
        for (const ws of sockets) {
          ws.close();
        }
        process.exit(0);
      });
    }
  });
});
