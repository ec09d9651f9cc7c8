/**
 * The executable schema: `schema/schema.graphql` plus what AppSync supplies to every API (its
 * scalars and directives, declared in `schema/appsync.graphql`), with AppSync's scalar semantics.
 */
import { buildSchema, type GraphQLSchema, isScalarType } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../resolver-bundles';
import { appSyncScalars } from './scalars';

export const schemaFiles = {
  appsync: path.join(projectRoot, 'schema/appsync.graphql'),
  api: path.join(projectRoot, 'schema/schema.graphql'),
} as const;

/** Reads the schema files and returns a fresh schema (each runtime owns its field resolvers). */
export function loadSchema(): GraphQLSchema {
  const sdl = `${readFileSync(schemaFiles.appsync, 'utf8')}\n${readFileSync(schemaFiles.api, 'utf8')}`;
  const schema = buildSchema(sdl);
  for (const [name, scalar] of Object.entries(appSyncScalars)) {
    const type = schema.getType(name);
    if (type && isScalarType(type)) {
      type.serialize = scalar.serialize;
      type.parseValue = scalar.parseValue;
      type.parseLiteral = scalar.parseLiteral;
    }
  }
  return schema;
}
