import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSubscriptionIndex } from '../../../../../../infra/local/appsync/realtime/subscribe-directive';

describe('Function: buildSubscriptionIndex', () => {
  it('maps each mutation of the Mediagraph schema to the subscriptions it triggers', () => {
    // Prepare
    const sdl = ['schema/appsync.graphql', 'schema/schema.graphql'].map((file) => readFileSync(file, 'utf8')).join('\n');
    // Act
    const index = buildSubscriptionIndex(buildSchema(sdl));
    // Assess
    expect(index.get('reportProgress')).toEqual(['onMediaProgress', 'onMediaChanged']);
    expect(index.get('createMedia')).toEqual(['onMediaChanged']);
    expect(index.get('reportAnalysis')).toEqual(['onAnalysis']);
    expect(index.get('createTag')).toBeUndefined();
  });

  it('reads the directive from the AST even when the schema does not declare it', () => {
    const schema = buildSchema(
      'type Query { a: Int } type Mutation { m: Int } type Subscription { s: Int @aws_subscribe(mutations: "m") }',
      { assumeValidSDL: true },
    );
    expect(buildSubscriptionIndex(schema).get('m')).toEqual(['s']);
  });
});
