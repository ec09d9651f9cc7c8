import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateMediaInput!) {
    createMedia(input: $input) { id owner name mediaType contentType size status progress version createdAt updatedAt metadata }
  }
`;
const GET = /* GraphQL */ `query Get($id: ID!) { getMedia(id: $id) { id name owner metadata } }`;
const LIST = /* GraphQL */ `
  query List($filter: MediaFilter, $limit: Int, $nextToken: String) {
    listMedia(filter: $filter, limit: $limit, nextToken: $nextToken) { items { id name mediaType createdAt } nextToken }
  }
`;

type Media = { id: string; owner: string; name: string; mediaType: string; createdAt: string; metadata: string | null };

describe('Media records over the AppSync-compatible endpoint', () => {
  let api: TestRuntime;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    api = await startTestRuntime();
    alice = await api.signIn('alice');
    bob = await api.signIn('bob');
  });
  afterAll(() => api?.close());

  const create = (user: TestUser, name: string, contentType = 'image/jpeg', mediaType = 'IMAGE', metadata?: unknown) =>
    user
      .run<{ createMedia: Media }>(CREATE, {
        input: { name, contentType, mediaType, size: 1024, ...(metadata ? { metadata: JSON.stringify(metadata) } : {}) },
      })
      .then((d) => d.createMedia);

  it('creates a media record owned by the caller, pending upload', async () => {
    // Act
    const media = await create(alice, 'beach.jpg', 'image/jpeg', 'IMAGE', { camera: 'X100' });
    // Assess
    expect(media).toMatchObject({ name: 'beach.jpg', owner: alice.sub, mediaType: 'IMAGE', status: 'PENDING_UPLOAD', progress: 0, version: 0 });
    expect(JSON.parse(media.metadata!)).toEqual({ camera: 'X100' });
    expect(Date.parse(media.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const fetched = await alice.run<{ getMedia: Media }>(GET, { id: media.id });
    expect(fetched.getMedia).toMatchObject({ id: media.id, name: 'beach.jpg' });
  });

  it('lists only the caller\'s media, newest first, across pages', async () => {
    // Prepare
    const carol = await api.signIn('carol');
    const created: Media[] = [];
    for (const name of ['one.png', 'two.png', 'three.mp4', 'four.png', 'five.png']) {
      const type = name.endsWith('.mp4') ? ['video/mp4', 'VIDEO'] : ['image/png', 'IMAGE'];
      created.push(await create(carol, name, type[0], type[1]));
    }
    await create(bob, 'not-carols.png', 'image/png', 'IMAGE');
    // Act
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page: { listMedia: { items: Media[]; nextToken: string | null } } = await carol.run(LIST, { limit: 2, nextToken });
      seen.push(...page.listMedia.items.map((m) => m.name));
      nextToken = page.listMedia.nextToken;
      pages += 1;
    } while (nextToken && pages < 10);
    // Assess
    expect(seen).toEqual(['five.png', 'four.png', 'three.mp4', 'two.png', 'one.png']);
    expect(pages).toBeGreaterThanOrEqual(3);
    const videos = await carol.run<{ listMedia: { items: Media[] } }>(LIST, { filter: { mediaType: 'VIDEO' } });
    expect(videos.listMedia.items.map((m) => m.name)).toEqual(['three.mp4']);
    const future = await carol.run<{ listMedia: { items: Media[] } }>(LIST, { filter: { createdAfter: '2999-01-01T00:00:00Z' } });
    expect(future.listMedia.items).toEqual([]);
    const upToThird = await carol.run<{ listMedia: { items: Media[] } }>(LIST, {
      filter: { createdBefore: created[2]!.createdAt.replace('Z', '+00:00') },
    });
    expect(upToThird.listMedia.items.map((m) => m.name)).toEqual(['three.mp4', 'two.png', 'one.png']);
  });

  it('refuses another user\'s media for reading, changing and deleting', async () => {
    // Prepare
    const media = await create(alice, 'private.jpg');
    // Act
    const read = await bob.client.request({ query: GET, variables: { id: media.id } });
    const update = await bob.client.request({
      query: 'mutation U($input: UpdateMediaInput!) { updateMedia(input: $input) { id name } }',
      variables: { input: { id: media.id, name: 'stolen.jpg' } },
    });
    const remove = await bob.client.request({ query: 'mutation D($id: ID!) { deleteMedia(id: $id) { id } }', variables: { id: media.id } });
    // Assess
    for (const [response, field] of [[read, 'getMedia'], [update, 'updateMedia'], [remove, 'deleteMedia']] as const) {
      expect(response.data).toEqual({ [field]: null });
      expect(response.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', path: [field] });
    }
    const still = await alice.run<{ getMedia: Media }>(GET, { id: media.id });
    expect(still.getMedia.name).toBe('private.jpg');
  });

  it('lets an admin read anyone\'s media', async () => {
    const media = await create(alice, 'audit-me.jpg');
    const admin = await api.signIn('root', ['admin']);
    const read = await admin.run<{ getMedia: Media }>(GET, { id: media.id });
    expect(read.getMedia.owner).toBe(alice.sub);
  });

  it('updates and deletes the caller\'s media', async () => {
    // Prepare
    const media = await create(alice, 'draft.txt', 'text/plain', 'TEXT');
    // Act
    const updated = await alice.run<{ updateMedia: Media }>(
      'mutation U($input: UpdateMediaInput!) { updateMedia(input: $input) { id name metadata } }',
      { input: { id: media.id, name: 'final.txt', metadata: JSON.stringify({ words: 3 }) } },
    );
    const deleted = await alice.run<{ deleteMedia: Media }>('mutation D($id: ID!) { deleteMedia(id: $id) { id name } }', { id: media.id });
    // Assess
    expect(updated.updateMedia.name).toBe('final.txt');
    expect(JSON.parse(updated.updateMedia.metadata!)).toEqual({ words: 3 });
    expect(deleted.deleteMedia).toEqual({ id: media.id, name: 'final.txt' });
    expect((await alice.run<{ getMedia: null }>(GET, { id: media.id })).getMedia).toBeNull();
  });

  it('answers bad input with typed errors and stores nothing', async () => {
    const cases = [
      { input: { name: 'x.exe', contentType: 'application/x-msdownload', mediaType: 'IMAGE' }, errorType: 'UnsupportedMediaType' },
      { input: { name: '../etc/passwd', contentType: 'text/plain', mediaType: 'TEXT' }, errorType: 'BadRequest' },
      { input: { name: 'a.png', contentType: 'image/png', mediaType: 'VIDEO' }, errorType: 'BadRequest' },
      { input: { name: '   ', contentType: 'image/png', mediaType: 'IMAGE' }, errorType: 'BadRequest' },
    ];
    const dave = await api.signIn('dave');
    for (const { input, errorType } of cases) {
      const response = await dave.client.request({ query: CREATE, variables: { input } });
      expect(response.errors?.[0]?.errorType, JSON.stringify(input)).toBe(errorType);
    }
    const oversize = await dave.client.request({
      query: 'mutation U($input: CreateUploadInput!) { createUpload(input: $input) { media { id } } }',
      variables: { input: { name: 'huge.mp4', contentType: 'video/mp4', size: 6 * 1024 ** 3 } },
    });
    expect(oversize.errors?.[0]?.errorType).toBe('PayloadTooLarge');
    const list = await dave.run<{ listMedia: { items: unknown[] } }>(LIST);
    expect(list.listMedia.items).toEqual([]);
  });

  it('registers an upload with a name in any script', async () => {
    const upload = await alice.run<{ createUpload: { media: Media & { status: string } } }>(
      'mutation U($input: CreateUploadInput!) { createUpload(input: $input) { media { id name mediaType status } } }',
      { input: { name: 'Fête à Zürich 東京.mov', contentType: 'video/quicktime', size: 5_000_000 } },
    );
    expect(upload.createUpload.media).toMatchObject({ name: 'Fête à Zürich 東京.mov', mediaType: 'VIDEO', status: 'PENDING_UPLOAD' });
  });
});
