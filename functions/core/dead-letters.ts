/** The dead-letters function's requests (from AppSync, admins only by schema) and its answers in the schema's shape. */
import type { DeadLetterQueue } from '../ports/dead-letter-queue';

export type DeadLetterRequest =
  | { action: 'list'; limit: number; nextToken: string | null }
  | { action: 'redrive'; ids: string[]; all: boolean };

export class DeadLetterRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadLetterRequestError';
  }
}

export function parseDeadLetterRequest(event: unknown): DeadLetterRequest {
  const e = (event ?? {}) as Record<string, unknown>;
  if (e.action === 'list') {
    const limit = typeof e.limit === 'number' && e.limit > 0 ? Math.min(100, Math.floor(e.limit)) : 20;
    return { action: 'list', limit, nextToken: typeof e.nextToken === 'string' ? e.nextToken : null };
  }
  if (e.action === 'redrive') {
    const ids = Array.isArray(e.ids) ? e.ids.filter((id): id is string => typeof id === 'string') : [];
    if (e.all !== true && ids.length === 0) {
      throw new DeadLetterRequestError('Give ids, or all');
    }
    return { action: 'redrive', ids, all: e.all === true };
  }
  throw new DeadLetterRequestError(`Unknown action ${String(e.action)}`);
}

/** Lists (as DeadLetterConnection) or redrives (returns how many were delivered again). */
export async function handleDeadLetterRequest(request: DeadLetterRequest, queue: DeadLetterQueue): Promise<unknown> {
  switch (request.action) {
    case 'list': {
      const page = await queue.list({ limit: request.limit, nextToken: request.nextToken });
      return {
        items: page.items.map((letter) => ({
          id: letter.id,
          rule: letter.rule,
          target: letter.target,
          error: `${letter.errorCode}: ${letter.errorMessage}`,
          attempts: letter.attempts,
          event: JSON.stringify(letter.event),
          firstAttemptAt: letter.firstAttemptAt,
          lastAttemptAt: letter.lastAttemptAt,
        })),
        nextToken: page.nextToken,
      };
    }
    case 'redrive': {
      const result = await queue.redrive(request.all ? 'all' : request.ids);
      return result.redriven.length;
    }
  }
}
