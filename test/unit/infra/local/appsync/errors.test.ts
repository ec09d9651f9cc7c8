/**
 * GraphQL errors turned into AppSync's shape.
 * Field errors as AppSync sends them (github.com/aws/aws-appsync-community/issues/266):
 *   {"path": [...], "data": null, "errorType": "Unauthorized", "errorInfo": null,
 *    "locations": [{"line": 6, "column": 5, "sourceName": null}], "message": "..."}
 * Validation errors (github.com/graphql/graphql-over-http/issues/81, from the AppSync team):
 *   {"path": null, "locations": [{"line": 1, "column": 2, "sourceName": null}], "message": "..."}
 */
import { GraphQLError, parse, Source } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppSyncFieldError, toAppSyncError } from '../../../../../infra/local/appsync/errors';

/** A field node at a known place, the way graphql-js locates errors. */
const document = parse(new Source('query {\n  getMedia(id: "m1") {\n    id\n  }\n}'));
const operation = document.definitions[0];
const getMediaNode = operation?.kind === 'OperationDefinition' ? operation.selectionSet.selections[0] : undefined;

describe('Class: AppSyncFieldError', () => {
  it('defaults errorType, data and errorInfo to null', () => {
    const error = new AppSyncFieldError({ message: 'Media not found' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ message: 'Media not found', errorType: null, data: null, errorInfo: null });
  });
});

describe('Function: toAppSyncError', () => {
  it('gives a resolver or auth error path, data, errorType, errorInfo, locations with sourceName, and message, in that order', () => {
    // Prepare: graphql-js wraps what a resolver throws in a located GraphQLError.
    const original = new AppSyncFieldError({ message: 'Media m1 not found', errorType: 'NotFound', data: { id: 'm1' }, errorInfo: { retry: false } });
    const located = new GraphQLError(original.message, { nodes: getMediaNode, path: ['getMedia'], originalError: original });

    // Act
    const shaped = toAppSyncError(located);

    // Assess
    expect(shaped).toEqual({
      path: ['getMedia'],
      data: { id: 'm1' },
      errorType: 'NotFound',
      errorInfo: { retry: false },
      locations: [{ line: 2, column: 3, sourceName: null }],
      message: 'Media m1 not found',
    });
    expect(Object.keys(shaped)).toEqual(['path', 'data', 'errorType', 'errorInfo', 'locations', 'message']);
  });

  it('keeps the nested path of a field below the root', () => {
    const original = new AppSyncFieldError({ message: 'Not Authorized to access body on type Post', errorType: 'Unauthorized' });
    const located = new GraphQLError(original.message, { nodes: getMediaNode, path: ['getPostById', 'body'], originalError: original });
    expect(toAppSyncError(located)).toMatchObject({ path: ['getPostById', 'body'], data: null, errorType: 'Unauthorized', errorInfo: null });
  });

  it('gives a validation or parse error path null, locations and message only', () => {
    const validation = new GraphQLError('Cannot query field "badfield" on type "Query".', { nodes: getMediaNode });

    const shaped = toAppSyncError(validation);

    expect(shaped).toEqual({ path: null, locations: [{ line: 2, column: 3, sourceName: null }], message: 'Cannot query field "badfield" on type "Query".' });
    expect(shaped).not.toHaveProperty('errorType');
    expect(shaped).not.toHaveProperty('data');
  });

  it('gives an error without a place empty locations', () => {
    expect(toAppSyncError(new GraphQLError('Must provide an operation.'))).toEqual({ path: null, locations: [], message: 'Must provide an operation.' });
  });

  it('reports a fault of the runtime itself as InternalFailure without its message', () => {
    // Internals (stack traces, file paths, SDK messages) stay out of the response.
    const fault = new TypeError("Cannot read properties of undefined (reading 'send') at /srv/app/node_modules/x.js");
    const located = new GraphQLError(fault.message, { nodes: getMediaNode, path: ['getMedia'], originalError: fault });

    const shaped = toAppSyncError(located);

    expect(shaped).toEqual({
      path: ['getMedia'],
      data: null,
      errorType: 'InternalFailure',
      errorInfo: null,
      locations: [{ line: 2, column: 3, sourceName: null }],
      message: 'Internal failure',
    });
  });

  it('gives a GraphQLError raised during execution (a scalar that cannot serialize) the path, locations and message, without errorType', () => {
    const scalarError = new GraphQLError("Can't serialize value as AWSDateTime: \"x\"");
    const located = new GraphQLError(scalarError.message, { nodes: getMediaNode, path: ['getMedia', 'createdAt'], originalError: scalarError });
    expect(toAppSyncError(located)).toEqual({
      path: ['getMedia', 'createdAt'],
      locations: [{ line: 2, column: 3, sourceName: null }],
      message: "Can't serialize value as AWSDateTime: \"x\"",
    });
  });
});
