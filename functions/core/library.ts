/**
 * The library function's logic: an owner's duplicates as groups (connected components of the
 * stored relations), and reprocess requests for some or all of an owner's media.
 */
import { randomUUID } from 'node:crypto';
import { detailTypes, eventSources } from '../../infra/events';
import { originalKey } from '../../infra/storage';
import type { EventPublisher } from '../ports/event-publisher';
import type { LibraryReader } from '../ports/library-reader';
import type { DuplicateRelation, StoredMedia } from '../ports/media-repository';

export type LibraryRequest =
  | { action: 'duplicateGroups'; owner: string; limit: number; nextToken: string | null }
  | { action: 'reprocess'; owner: string; mediaIds: string[]; all: boolean };

/** A request the library refuses; `errorType` is what the caller sees (BadRequest, NotFound). */
export class LibraryRequestError extends Error {
  readonly errorType: 'BadRequest' | 'NotFound';
  constructor(message: string, errorType: 'BadRequest' | 'NotFound' = 'BadRequest') {
    super(message);
    this.name = 'LibraryRequestError';
    this.errorType = errorType;
  }
}

/** Validates the untrusted payload. */
export function parseLibraryRequest(event: unknown): LibraryRequest {
  const e = (event ?? {}) as Record<string, unknown>;
  if (typeof e.owner !== 'string' || e.owner === '') {
    throw new LibraryRequestError('owner is required');
  }
  if (e.action === 'duplicateGroups') {
    const limit = typeof e.limit === 'number' && e.limit > 0 ? Math.min(100, Math.floor(e.limit)) : 20;
    return { action: 'duplicateGroups', owner: e.owner, limit, nextToken: typeof e.nextToken === 'string' ? e.nextToken : null };
  }
  if (e.action === 'reprocess') {
    const ids = Array.isArray(e.mediaIds) ? e.mediaIds.filter((id): id is string => typeof id === 'string') : [];
    return { action: 'reprocess', owner: e.owner, mediaIds: ids, all: e.all === true };
  }
  throw new LibraryRequestError(`Unknown action ${String(e.action)}`);
}

/** Connected components of the relations, each sorted, largest first then by first id; kind NEAR unless all EXACT. */
export function groupRelations(relations: readonly DuplicateRelation[]): { kind: 'EXACT' | 'NEAR'; mediaIds: string[] }[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) {
      root = parent.get(root)!;
    }
    let node = id;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const relation of relations) {
    for (const id of [relation.mediaId, relation.otherId]) {
      if (!parent.has(id)) {
        parent.set(id, id);
      }
    }
    const a = find(relation.mediaId);
    const b = find(relation.otherId);
    if (a !== b) {
      parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const members = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    members.set(root, [...(members.get(root) ?? []), id]);
  }
  const nearRoots = new Set(relations.filter((r) => r.kind === 'NEAR').map((r) => find(r.mediaId)));
  return [...members.entries()]
    .map(([root, ids]) => ({ kind: nearRoots.has(root) ? ('NEAR' as const) : ('EXACT' as const), mediaIds: ids.sort() }))
    .sort((x, y) => y.mediaIds.length - x.mediaIds.length || x.mediaIds[0]!.localeCompare(y.mediaIds[0]!));
}

const EVENTS_PER_PUT = 10;

export async function handleLibraryRequest(request: LibraryRequest, reader: LibraryReader, events: EventPublisher): Promise<unknown> {
  switch (request.action) {
    case 'duplicateGroups': {
      const offset = request.nextToken ? Number.parseInt(Buffer.from(request.nextToken, 'base64url').toString(), 10) : 0;
      if (!Number.isInteger(offset) || offset < 0) {
        throw new LibraryRequestError('Invalid nextToken');
      }
      const groups = groupRelations(await reader.listOwnerDuplicates(request.owner));
      const page = groups.slice(offset, offset + request.limit);
      const media = await reader.getMedia(page.flatMap((g) => g.mediaIds));
      const byId = new Map(media.filter((m) => m.owner === request.owner).map((m) => [m.id, m]));
      const items = page
        .map((group) => ({ kind: group.kind, media: group.mediaIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])) }))
        // A group whose other members were deleted is no longer a group.
        .filter((group) => group.media.length > 1);
      const next = offset + request.limit < groups.length ? Buffer.from(String(offset + request.limit)).toString('base64url') : null;
      return { items, nextToken: next };
    }
    case 'reprocess': {
      const media = request.all ? await reader.listOwnerMedia(request.owner) : await reader.getMedia(request.mediaIds);
      const foreign = media.filter((m) => m.owner !== request.owner);
      if (foreign.length > 0 || (!request.all && media.length !== new Set(request.mediaIds).size)) {
        throw new LibraryRequestError('Some media were not found', 'NotFound');
      }
      // Items still waiting for their bytes have nothing to process yet.
      const uploaded = media.filter((m: StoredMedia) => (m.versionCount ?? 0) >= 1 && m.status !== 'PENDING_UPLOAD');
      for (let start = 0; start < uploaded.length; start += EVENTS_PER_PUT) {
        await events.publish(
          uploaded.slice(start, start + EVENTS_PER_PUT).map((m) => ({
            source: eventSources.library,
            detailType: detailTypes.reprocessRequested,
            detail: { mediaId: m.id, owner: m.owner, key: originalKey(m.owner, m.id, m.version || m.versionCount), requestId: randomUUID() },
          })),
        );
      }
      return { queued: uploaded.length, mediaIds: uploaded.map((m) => m.id) };
    }
  }
}
