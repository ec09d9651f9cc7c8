import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operationRootFields, schemaRootTypes } from '../../../../infra/cdk/operation-fields';
import { projectDeclarations } from '../../../../infra/cdk/declarations';

describe('Function: operationRootFields', () => {
  const roots = schemaRootTypes(readFileSync(projectDeclarations.schemaFile, 'utf8'));

  it('names each root field of the operation with its root type', () => {
    expect(operationRootFields('mutation M($a: ID!) { reportProgress(input: $a) { id } other: reportAnalysis(input: $a) { mediaId } }', roots)).toEqual([
      'Mutation.reportProgress',
      'Mutation.reportAnalysis',
    ]);
    expect(operationRootFields('{ getMedia(id: "1") { id } }', roots)).toEqual(['Query.getMedia']);
  });

  it('refuses documents it cannot read exactly: several operations, fragments at the root', () => {
    expect(() => operationRootFields('query A { a } query B { b }', roots)).toThrow(/exactly one operation/);
    expect(() => operationRootFields('mutation { ...F } fragment F on Mutation { a }', roots)).toThrow(/no fragments/);
  });

  it('reads renamed root types from a schema definition', () => {
    expect(schemaRootTypes('schema { query: Q mutation: M } type Q { a: Int } type M { b: Int }')).toEqual({ query: 'Q', mutation: 'M', subscription: 'Subscription' });
  });
});
