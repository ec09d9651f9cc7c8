/**
 * The API's wiring, declared once: which resolver file serves which field, through which data
 * source, under which auth configuration. Read by the CDK stack (`infra/cdk`) and by the local
 * runtime (`infra/local`). Field-level auth lives in the schema's directives (AppSync reads it
 * from there); this file holds the API-wide auth modes those directives choose among.
 */

/** AppSync data source kinds Mediagraph uses. */
export type DataSourceDeclaration =
  | { readonly kind: 'DYNAMODB'; readonly table: 'MediaTable' }
  | { readonly kind: 'NONE' }
  | { readonly kind: 'LAMBDA'; readonly functionName: FunctionName }
  | { readonly kind: 'EVENTBRIDGE'; readonly eventBus: string };

export const dataSources = {
  table: { kind: 'DYNAMODB', table: 'MediaTable' },
  none: { kind: 'NONE' },
  uploads: { kind: 'LAMBDA', functionName: 'uploads' },
  library: { kind: 'LAMBDA', functionName: 'library' },
  deadLetters: { kind: 'LAMBDA', functionName: 'dead-letters' },
  people: { kind: 'LAMBDA', functionName: 'people' },
} as const satisfies Record<string, DataSourceDeclaration>;

export type DataSourceName = keyof typeof dataSources;

import type { FunctionName } from './functions';

/** A pipeline function: one file under `resolvers/functions/`, one data source. */
export interface FunctionDeclaration {
  readonly file: string;
  readonly dataSource: DataSourceName;
}

/**
 * Pipeline functions, by name. A function's file exports `request(ctx)` and `response(ctx)`.
 */
export const functions = {
  authorizeMedia: { file: 'resolvers/functions/authorizeMedia.ts', dataSource: 'table' },
  loadMediaForWorker: { file: 'resolvers/functions/loadMediaForWorker.ts', dataSource: 'table' },
  validateUpload: { file: 'resolvers/functions/validateUpload.ts', dataSource: 'none' },
  updateMediaFields: { file: 'resolvers/functions/updateMediaFields.ts', dataSource: 'table' },
  listMediaItems: { file: 'resolvers/functions/listMediaItems.ts', dataSource: 'table' },
  deleteMediaItems: { file: 'resolvers/functions/deleteMediaItems.ts', dataSource: 'table' },
  forgetMediaFaces: { file: 'resolvers/functions/forgetMediaFaces.ts', dataSource: 'people' },
  loadOwnedTags: { file: 'resolvers/functions/loadOwnedTags.ts', dataSource: 'table' },
  writeTagAssignments: { file: 'resolvers/functions/writeTagAssignments.ts', dataSource: 'table' },
  listMediaTagAssignments: { file: 'resolvers/functions/listMediaTagAssignments.ts', dataSource: 'table' },
  batchGetTags: { file: 'resolvers/functions/batchGetTags.ts', dataSource: 'table' },
  loadOwnerTagPaths: { file: 'resolvers/functions/loadOwnerTagPaths.ts', dataSource: 'table' },
  searchOwnerMedia: { file: 'resolvers/functions/searchOwnerMedia.ts', dataSource: 'table' },
  loadTag: { file: 'resolvers/functions/loadTag.ts', dataSource: 'table' },
  loadParentTag: { file: 'resolvers/functions/loadParentTag.ts', dataSource: 'table' },
  putTag: { file: 'resolvers/functions/putTag.ts', dataSource: 'table' },
  loadTagSubtree: { file: 'resolvers/functions/loadTagSubtree.ts', dataSource: 'table' },
  rewriteTagSubtree: { file: 'resolvers/functions/rewriteTagSubtree.ts', dataSource: 'table' },
  putAnalysis: { file: 'resolvers/functions/putAnalysis.ts', dataSource: 'table' },
  authorizeMediaIfGiven: { file: 'resolvers/functions/authorizeMediaIfGiven.ts', dataSource: 'table' },
  reserveVersion: { file: 'resolvers/functions/reserveVersion.ts', dataSource: 'table' },
  presignUpload: { file: 'resolvers/functions/presignUpload.ts', dataSource: 'uploads' },
  loadVersion: { file: 'resolvers/functions/loadVersion.ts', dataSource: 'table' },
  completeUpload: { file: 'resolvers/functions/completeUpload.ts', dataSource: 'uploads' },
  markUploaded: { file: 'resolvers/functions/markUploaded.ts', dataSource: 'table' },
  applyVersion: { file: 'resolvers/functions/applyVersion.ts', dataSource: 'table' },
  presignDownload: { file: 'resolvers/functions/presignDownload.ts', dataSource: 'uploads' },
  listDuplicates: { file: 'resolvers/functions/listDuplicates.ts', dataSource: 'table' },
  batchGetDuplicateMedia: { file: 'resolvers/functions/batchGetDuplicateMedia.ts', dataSource: 'table' },
} as const satisfies Record<string, FunctionDeclaration>;

export type PipelineFunctionName = keyof typeof functions;

export type ResolverDeclaration =
  | {
      readonly kind: 'UNIT';
      readonly typeName: string;
      readonly fieldName: string;
      /** `resolvers/<Type>.<field>.ts`, exporting `request` and `response`. */
      readonly file: string;
      readonly dataSource: DataSourceName;
    }
  | {
      readonly kind: 'PIPELINE';
      readonly typeName: string;
      readonly fieldName: string;
      /** The pipeline's own before (`request`) and after (`response`) handlers. */
      readonly file: string;
      readonly functions: readonly PipelineFunctionName[];
    };

const unit = (typeName: string, fieldName: string, dataSource: DataSourceName): ResolverDeclaration => ({
  kind: 'UNIT',
  typeName,
  fieldName,
  file: `resolvers/${typeName}.${fieldName}.ts`,
  dataSource,
});

const pipeline = (typeName: string, fieldName: string, steps: readonly PipelineFunctionName[]): ResolverDeclaration => ({
  kind: 'PIPELINE',
  typeName,
  fieldName,
  file: `resolvers/${typeName}.${fieldName}.ts`,
  functions: steps,
});

/** Every field with a resolver. Fields not listed resolve to the parent object's property. */
export const resolvers: readonly ResolverDeclaration[] = [
  unit('Query', 'getMedia', 'table'),
  unit('Query', 'listMedia', 'table'),
  pipeline('Query', 'searchMedia', ['loadOwnerTagPaths', 'searchOwnerMedia']),
  unit('Query', 'getTag', 'table'),
  unit('Query', 'tagTree', 'table'),
  unit('Query', 'listTags', 'table'),

  unit('Mutation', 'createMedia', 'table'),
  pipeline('Mutation', 'createUpload', ['validateUpload', 'authorizeMediaIfGiven', 'reserveVersion', 'presignUpload']),
  pipeline('Mutation', 'completeMultipartUpload', ['authorizeMedia', 'loadVersion', 'completeUpload', 'markUploaded']),
  pipeline('Mutation', 'restoreVersion', ['authorizeMedia', 'loadVersion', 'applyVersion']),
  unit('Mutation', 'reprocessMedia', 'library'),
  unit('Mutation', 'redriveDeadLetters', 'deadLetters'),
  pipeline('Query', 'getDownloadUrl', ['authorizeMedia', 'presignDownload']),
  pipeline('Query', 'duplicatesOf', ['authorizeMedia', 'listDuplicates', 'batchGetDuplicateMedia']),
  unit('Query', 'duplicateGroups', 'library'),
  unit('Query', 'deadLetters', 'deadLetters'),
  unit('Media', 'versions', 'table'),
  unit('Media', 'faces', 'table'),
  unit('Face', 'person', 'table'),
  unit('Query', 'people', 'table'),
  unit('Query', 'getPerson', 'table'),
  unit('Mutation', 'namePerson', 'table'),
  unit('Mutation', 'mergePeople', 'people'),
  unit('Mutation', 'splitPerson', 'people'),
  pipeline('Mutation', 'updateMedia', ['authorizeMedia', 'updateMediaFields']),
  pipeline('Mutation', 'deleteMedia', ['authorizeMedia', 'listMediaItems', 'forgetMediaFaces', 'deleteMediaItems']),
  pipeline('Mutation', 'addTags', ['authorizeMedia', 'loadOwnedTags', 'listMediaTagAssignments', 'writeTagAssignments']),
  pipeline('Mutation', 'removeTags', ['authorizeMedia', 'listMediaTagAssignments', 'writeTagAssignments']),
  pipeline('Mutation', 'createTag', ['loadParentTag', 'putTag']),
  pipeline('Mutation', 'moveTag', ['loadTag', 'loadParentTag', 'loadTagSubtree', 'rewriteTagSubtree']),
  pipeline('Mutation', 'renameTag', ['loadTag', 'loadTagSubtree', 'rewriteTagSubtree']),
  unit('Mutation', 'reportProgress', 'table'),
  pipeline('Mutation', 'reportAnalysis', ['loadMediaForWorker', 'putAnalysis']),

  pipeline('Subscription', 'onMediaProgress', ['authorizeMedia']),
  unit('Subscription', 'onMediaChanged', 'none'),
  pipeline('Subscription', 'onAnalysis', ['authorizeMedia']),

  pipeline('Media', 'tags', ['listMediaTagAssignments', 'batchGetTags']),
  unit('Media', 'analysis', 'table'),
  unit('Tag', 'parent', 'table'),
  unit('Tag', 'children', 'table'),
];

/**
 * Environment variables every resolver sees as `ctx.env` (AppSync GraphQL API environment
 * variables), with where each value comes from.
 */
export const resolverEnvironment = {
  /** Batch and transaction requests name their table. */
  TABLE_NAME: { from: 'table', table: 'MediaTable' },
  /** The Cognito group whose members may act on anyone's media. */
  ADMIN_GROUP: { from: 'value', value: 'admin' },
} as const;

/** API-wide auth: the modes schema directives choose among, and the user pool's groups. */
export const auth = {
  defaultMode: 'AMAZON_COGNITO_USER_POOLS',
  additionalModes: ['AWS_IAM'],
  /** Cognito groups = roles. */
  groups: ['admin', 'editor', 'viewer'],
} as const;

/** esbuild settings for resolver bundles: what AppSync's APPSYNC_JS runtime accepts. */
export const resolverBundle = {
  runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
  target: 'es2020',
  format: 'esm',
  external: ['@aws-appsync/*'],
} as const;
