/**
 * Test handler: fails the first `failures` attempts of each event (counted in a file, since retries
 * may land in a fresh environment), recording every attempt's request id.
 */
import { appendFile, readFile } from 'node:fs/promises';

class MediaUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaUnreadableError';
  }
}

interface FailingEvent {
  recordTo: string;
  failures: number;
  throwString?: boolean;
}

export async function handler(event: FailingEvent, context: { awsRequestId: string }): Promise<{ attempt: number }> {
  await appendFile(event.recordTo, `${context.awsRequestId}\n`);
  const attempt = (await readFile(event.recordTo, 'utf8')).trim().split('\n').length;
  if (attempt <= event.failures) {
    if (event.throwString) throw 'plain string failure';
    throw new MediaUnreadableError(`attempt ${attempt} could not read the media`);
  }
  return { attempt };
}
