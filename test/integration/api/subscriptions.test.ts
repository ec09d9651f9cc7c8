import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, eventually, startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';

// As on AppSync, subscribers receive only what the triggering mutation selected: mutations here
// select every field the subscriptions ask for.
const CREATE = 'mutation C($name: String!) { createMedia(input: { name: $name, contentType: "image/png", mediaType: IMAGE }) { id owner name status progress } }';
const REPORT = /* GraphQL */ `
  mutation P($input: ReportProgressInput!) { reportProgress(input: $input) { id owner name status progress stage error } }
`;
const ON_PROGRESS = 'subscription S($mediaId: ID!) { onMediaProgress(mediaId: $mediaId) { id status progress stage } }';
const ON_CHANGED = 'subscription { onMediaChanged { id owner name status progress } }';

describe('Subscriptions over AppSync\'s real-time protocol', () => {
  let api: TestRuntime;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    api = await startTestRuntime();
    alice = await api.signIn('alice');
    bob = await api.signIn('bob');
  });
  afterAll(() => api?.close());

  it('delivers a worker\'s @aws_iam progress report to the owner following that item', async () => {
    // Prepare
    const { createMedia } = await alice.run<{ createMedia: { id: string } }>(CREATE, { name: 'follow-me.png' });
    const progress = collect(alice.realtime(), ON_PROGRESS, { mediaId: createMedia.id });
    await progress.started;
    // Act
    await api.worker().run(REPORT, { input: { mediaId: createMedia.id, status: 'PROCESSING', progress: 35, stage: 'metadata' } });
    await api.worker().run(REPORT, { input: { mediaId: createMedia.id, status: 'READY', progress: 100, stage: 'done' } });
    // Assess
    await eventually(() => progress.events.length === 2);
    expect(progress.events.map((e) => e.data)).toEqual([
      { onMediaProgress: { id: createMedia.id, status: 'PROCESSING', progress: 35, stage: 'metadata' } },
      { onMediaProgress: { id: createMedia.id, status: 'READY', progress: 100, stage: 'done' } },
    ]);
    progress.stop();
  });

  it('sends each user only their own media changes', async () => {
    // Prepare
    const alices = collect(alice.realtime(), ON_CHANGED);
    const bobs = collect(bob.realtime(), ON_CHANGED);
    await Promise.all([alices.started, bobs.started]);
    // Act
    const { createMedia: a } = await alice.run<{ createMedia: { id: string } }>(CREATE, { name: 'alice-1.png' });
    await api.worker().run(REPORT, { input: { mediaId: a.id, status: 'PROCESSING', progress: 10, stage: 'checksum' } });
    const { createMedia: b } = await bob.run<{ createMedia: { id: string } }>(CREATE, { name: 'bob-1.png' });
    // Assess
    await eventually(() => alices.events.length >= 2 && bobs.events.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ids = (events: typeof alices.events) => events.map((e) => (e.data as { onMediaChanged: { id: string } | null }).onMediaChanged?.id);
    expect(ids(alices.events)).toEqual([a.id, a.id]);
    expect(ids(bobs.events)).toEqual([b.id]);
    alices.stop();
    bobs.stop();
  });

  it('refuses to follow another user\'s item', async () => {
    const { createMedia } = await alice.run<{ createMedia: { id: string } }>(CREATE, { name: 'secret.png' });
    const spy = collect(bob.realtime(), ON_PROGRESS, { mediaId: createMedia.id });
    await eventually(() => spy.errors.length === 1);
    await api.worker().run(REPORT, { input: { mediaId: createMedia.id, status: 'PROCESSING', progress: 50 } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(spy.events).toEqual([]);
    expect(JSON.stringify(spy.errors[0])).toMatch(/Unauthorized|Not Authorized/);
  });

  it('ends subscriptions to an item when it is deleted', async () => {
    const { createMedia } = await alice.run<{ createMedia: { id: string } }>(CREATE, { name: 'short-lived.png' });
    const following = collect(alice.realtime(), ON_PROGRESS, { mediaId: createMedia.id });
    await following.started;
    await alice.run('mutation D($id: ID!) { deleteMedia(id: $id) { id } }', { id: createMedia.id });
    await eventually(() => following.completed);
  });
});
