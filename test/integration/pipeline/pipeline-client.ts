/**
 * What the pipeline tests do as a user would: ask for an upload, send the bytes to the presigned
 * URL, follow the item over `onMediaProgress` until it is READY or FAILED, and read it back.
 * Shared by the tests in this folder (ingest.test.ts keeps its own copy).
 */
import type { GraphQLResponse } from '../../../infra/client/appsync-http';
import { functionDeclarations, type FunctionName } from '../../../infra/functions';
import type { AppSyncGraphQLError } from '../../../infra/local/appsync/types';
import { collect, type TestUser } from '../../support/runtime';

export const CREATE_UPLOAD = /* GraphQL */ `
  mutation U($input: CreateUploadInput!) {
    createUpload(input: $input) {
      media { id status name }
      version
      put { url headers }
      multipart { uploadId partSize parts { partNumber url } }
      expiresAt
    }
  }
`;

export const COMPLETE_MULTIPART = /* GraphQL */ `
  mutation C($mediaId: ID!, $version: Int!, $uploadId: String!, $parts: [CompletedPart!]!) {
    completeMultipartUpload(mediaId: $mediaId, version: $version, uploadId: $uploadId, parts: $parts) { id status progress stage error }
  }
`;

export const FOLLOW = 'subscription F($mediaId: ID!) { onMediaProgress(mediaId: $mediaId) { id status progress stage error } }';

export const GET_MEDIA = /* GraphQL */ `
  query G($id: ID!) {
    getMedia(id: $id) {
      id name status progress stage error version versionCount format mediaType size sha256 contentType
      versions { version status size sha256 error }
    }
  }
`;

/** The item as GET_MEDIA reads it. */
export interface MediaView {
  id: string;
  name: string;
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
  version: number;
  versionCount: number | null;
  format: string | null;
  mediaType: string;
  size: number | null;
  sha256: string | null;
  contentType: string;
  versions: { version: number; status: string; size: number | null; sha256: string | null; error: string | null }[];
}

/** One progress event as a subscriber sees it. */
export interface ProgressEvent {
  id: string;
  status: string;
  progress: number;
  stage: string | null;
  error: string | null;
}

/** createUpload's answer. */
export interface UploadTarget {
  media: { id: string; status: string; name: string };
  version: number;
  put: { url: string; headers: string } | null;
  multipart: { uploadId: string; partSize: number; parts: { partNumber: number; url: string }[] } | null;
  expiresAt: string;
}

const TERMINAL = new Set(['READY', 'FAILED']);

/**
 * Sends an operation without failing on GraphQL errors.
 * @returns AppSync's `{ data, errors }`, for tests that expect a refusal
 */
export function attempt<T = Record<string, unknown>>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  return user.client.request<T>({ query, variables });
}

/**
 * The first GraphQL error of a response that must have failed.
 * @returns the error (throws with the data when the operation succeeded instead)
 */
export function firstError(response: GraphQLResponse<unknown>): AppSyncGraphQLError {
  const error = response.errors?.[0];
  if (!error) {
    throw new Error(`Expected a GraphQL error, got data ${JSON.stringify(response.data)}`);
  }
  return error;
}

/** createUpload; fails the test on GraphQL errors. @returns where to send the bytes */
export async function createUpload(user: TestUser, input: { name: string; contentType: string; size: number; mediaId?: string }): Promise<UploadTarget> {
  const { createUpload: target } = await user.run<{ createUpload: UploadTarget }>(CREATE_UPLOAD, { input });
  return target;
}

/** The item, read back through the API. */
export async function getMedia(user: TestUser, id: string): Promise<MediaView | null> {
  const { getMedia: media } = await user.run<{ getMedia: MediaView | null }>(GET_MEDIA, { id });
  return media;
}

/**
 * Subscribes to one item's progress.
 * @returns the events so far, a promise for the subscription's start, and a wait for READY/FAILED
 */
export function followProgress(user: TestUser, mediaId: string) {
  const subscription = collect(user.realtime(), FOLLOW, { mediaId });
  // A mutation selecting fewer fields than the subscription publishes nulls (AppSync sends subscribers only what the mutation selected).
  const events = () =>
    subscription.events.map((e) => (e.data as { onMediaProgress: ProgressEvent | null }).onMediaProgress).filter((e): e is ProgressEvent => e !== null);
  return {
    started: subscription.started,
    events,
    /** Resolves with the terminal event once one arrives after `from` events (so a second run can be awaited). */
    async outcome(timeoutMs: number, from = 0): Promise<ProgressEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const done = events().slice(from).find((e) => TERMINAL.has(e.status));
        if (done) return done;
        if (Date.now() > deadline) {
          throw new Error(`No READY/FAILED for ${mediaId} within ${timeoutMs} ms; saw ${JSON.stringify(events())}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: subscription.stop,
  };
}

/** PUT bytes to a presigned URL with the headers it was signed with. @returns the store's response */
export function putPresigned(put: { url: string; headers: string }, body: Uint8Array<ArrayBuffer>, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const headers = { ...(JSON.parse(put.headers) as Record<string, string>), ...extraHeaders };
  return fetch(put.url, { method: 'PUT', headers, body });
}

/**
 * The whole single-PUT journey: createUpload, PUT, follow to READY or FAILED, read back.
 * @returns the item's id, its progress events, the final item, and milliseconds from PUT to outcome
 */
export async function uploadAndFollow(
  user: TestUser,
  bytes: Uint8Array<ArrayBuffer>,
  input: { name: string; contentType: string; mediaId?: string },
  timeoutMs = 60_000,
): Promise<{ mediaId: string; version: number; events: ProgressEvent[]; outcome: ProgressEvent; media: MediaView; elapsedMs: number }> {
  const target = await createUpload(user, { ...input, size: bytes.length });
  if (!target.put) {
    throw new Error('Expected a single presigned PUT');
  }
  const progress = followProgress(user, target.media.id);
  await progress.started;
  const startedAt = Date.now();
  const response = await putPresigned(target.put, bytes);
  if (response.status !== 200) {
    throw new Error(`PUT refused (${response.status}): ${await response.text()}`);
  }
  const outcome = await progress.outcome(timeoutMs);
  const elapsedMs = Date.now() - startedAt;
  progress.stop();
  const media = await getMedia(user, target.media.id);
  if (!media) {
    throw new Error(`Media ${target.media.id} vanished`);
  }
  return { mediaId: target.media.id, version: target.version, events: progress.events(), outcome, media, elapsedMs };
}

/** Polls an async condition. @returns once it holds (throws after `timeoutMs`) */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until the bus has delivered everything and no function is running or queued, so a test
 * can assert that something did *not* happen.
 */
export async function platformSettled(runtime: {
  services: { bus: { idle(): Promise<void> }; runner: { stats(name: FunctionName): { busy: number; queued: number } } };
}): Promise<void> {
  const names = Object.keys(functionDeclarations) as FunctionName[];
  await runtime.services.bus.idle();
  const idle = (name: FunctionName) => {
    const stats = runtime.services.runner.stats(name);
    return stats.busy === 0 && stats.queued === 0;
  };
  await waitUntil(async () => names.every(idle), 30_000, 'the functions to go idle');
  // A function that just finished may have put events: let the bus hand them on too.
  await runtime.services.bus.idle();
}
