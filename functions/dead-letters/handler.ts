/** dead-letters — AppSync Lambda data source for Query.deadLetters and Mutation.redriveDeadLetters (admins). */
import { deadLetterQueue } from '../composition';
import { handleDeadLetterRequest, parseDeadLetterRequest } from '../core/dead-letters';

export async function handler(event: unknown): Promise<unknown> {
  return handleDeadLetterRequest(parseDeadLetterRequest(event), deadLetterQueue());
}
