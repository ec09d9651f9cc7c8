import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/ports';
import { startTestRuntime } from '../../support/runtime';

describe('Restarting the runtime', () => {
  let dataDir: string | undefined;
  afterAll(async () => {
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps media, tags, users and their tokens under the data directory', { timeout: 90_000 }, async () => {
    // Prepare: a runtime with its own persistent DynamoDB Local
    dataDir = await mkdtemp(path.join(tmpdir(), 'mediagraph-restart-'));
    const port = await freePort();
    const options = { dataDir, port, inMemory: false, dynamodbEndpoint: undefined, tableName: 'mediagraph-MediaTable' };
    const first = await startTestRuntime(options);
    const alice = await first.signIn('alice');
    const { createTag } = await alice.run<{ createTag: { id: string } }>('mutation { createTag(input: { name: "Holiday" }) { id } }');
    const { createMedia } = await alice.run<{ createMedia: { id: string } }>(
      'mutation { createMedia(input: { name: "kept.jpg", contentType: "image/jpeg", mediaType: IMAGE }) { id } }',
    );
    await alice.run('mutation A($m: ID!, $t: [ID!]!) { addTags(mediaId: $m, tagIds: $t) { id } }', { m: createMedia.id, t: [createTag.id] });
    await alice.run('mutation { createMedia(input: { name: "older.jpg", contentType: "image/jpeg", mediaType: IMAGE }) { id } }');
    const page = await alice.run<{ listMedia: { nextToken: string | null } }>('{ listMedia(limit: 1) { nextToken } }');
    await first.close();

    // Act
    const second = await startTestRuntime(options);
    try {
      const response = await fetch(second.runtime.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: alice.token },
        body: JSON.stringify({ query: 'query G($id: ID!) { getMedia(id: $id) { name owner tags { tag { name } } } }', variables: { id: createMedia.id } }),
      });
      const again = await second.signIn('alice');
      const nextPage = await again.run<{ listMedia: { items: { name: string }[] } }>(
        'query L($t: String) { listMedia(limit: 5, nextToken: $t) { items { name } } }',
        { t: page.listMedia.nextToken },
      );
      // Assess
      expect(await response.json()).toEqual({ data: { getMedia: { name: 'kept.jpg', owner: alice.sub, tags: [{ tag: { name: 'Holiday' } }] } } });
      expect(again.sub).toBe(alice.sub);
      // A pagination token issued before the restart still works after it.
      expect(nextPage.listMedia.items.map((m) => m.name)).toEqual(['kept.jpg']);
    } finally {
      await second.close();
    }
  });
});
