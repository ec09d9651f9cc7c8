import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { followOutput } from '../../../../../infra/local/dynamodb/output-tail';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Function: followOutput', () => {
  it('reports complete stdout lines even when a line arrives in pieces', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const lines: string[] = [];
    followOutput(stdout, stderr, (line) => lines.push(line));

    stdout.write('Initializing\nMEDIAGRAPH_DYNAMODB_LOCAL_LIST');
    stdout.write('ENING 127.0.0.1 41234\r\npartial');
    await tick();

    expect(lines).toEqual(['Initializing', 'MEDIAGRAPH_DYNAMODB_LOCAL_LISTENING 127.0.0.1 41234']);
  });

  it('keeps only the last `limit` characters of stdout and stderr together', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const tail = followOutput(stdout, stderr, () => undefined, 10);

    stdout.write('0123456789');
    await tick();
    stderr.write('Exception!');
    await tick();

    expect(tail.text()).toBe('Exception!');
  });
});
