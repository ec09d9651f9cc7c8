/**
 * AppSync's scalar types, with AppSync's validation: a value that does not fit is a GraphQL
 * validation error before any resolver runs.
 * https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html
 */
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { isIP } from 'node:net';

/** ISO 8601 extended date `YYYY-MM-DD`, optionally with a zone offset (AppSync accepts `1970-01-01Z`). */
const DATE = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
/** `hh:mm(:ss(.sss))` with an optional offset; AWS's own example sends `12:00:34.` (empty fraction). */
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{0,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
/** Date and time; AppSync requires the time zone offset (`Z` or `±hh:mm`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()\-.]{2,}$/;

/**
 * A string scalar checked by `valid` on the way in; on the way out by `validOutput` (default `valid`),
 * which may be cheaper: output values come from the API's own storage.
 */
function stringScalar(
  name: string,
  description: string,
  valid: (value: string) => boolean,
  validOutput: (value: string) => boolean = valid,
): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)}`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize(value: unknown) {
      if (typeof value !== 'string' || !validOutput(value)) {
        throw new GraphQLError(`Can't serialize value as ${name}: ${JSON.stringify(value)}`);
      }
      return value;
    },
    parseValue: check,
    parseLiteral(ast: ValueNode) {
      if (ast.kind !== Kind.STRING || !valid(ast.value)) {
        throw new GraphQLError(`Invalid ${name} literal: ${print(ast)}`, { nodes: ast });
      }
      return ast.value;
    },
  });
}

function validCalendarDate(value: string): boolean {
  const parsed = Date.parse(value.slice(0, 10));
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value.slice(0, 10);
}

function validUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // AWS: a URL "can't contain two forward slashes (//) in the path part".
    const rest = value.slice(value.indexOf(':') + 1).replace(/^\/\/[^/?#]*/, '');
    const pathPart = rest.split(/[?#]/)[0] ?? '';
    return url.protocol.length > 1 && (url.host.length > 0 || url.protocol === 'mailto:') && !pathPart.includes('//');
  } catch {
    return false;
  }
}

/** AWSJSON: a JSON string on the wire; inputs reach resolvers parsed, outputs are serialized. */
const awsJson = new GraphQLScalarType({
  name: 'AWSJSON',
  description: 'A JSON string; input values are parsed for resolvers, output values are serialized.',
  serialize(value: unknown) {
    return typeof value === 'string' ? value : JSON.stringify(value);
  },
  parseValue(value: unknown) {
    if (typeof value !== 'string') {
      // Variables may carry the object itself; AppSync accepts JSON values there too.
      return value;
    }
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new GraphQLError(`Invalid AWSJSON value: not valid JSON`);
    }
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError(`Invalid AWSJSON literal: ${print(ast)}`, { nodes: ast });
    }
    try {
      return JSON.parse(ast.value) as unknown;
    } catch {
      throw new GraphQLError('Invalid AWSJSON literal: not valid JSON', { nodes: ast });
    }
  },
});

/** AWSTimestamp: seconds since the epoch, as an integer. */
const awsTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  serialize(value: unknown) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseValue(value: unknown) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.INT) {
      throw new GraphQLError(`Invalid AWSTimestamp literal: ${print(ast)}`, { nodes: ast });
    }
    return Number(ast.value);
  },
});

/** Every AppSync scalar by name. */
export const appSyncScalars: Readonly<Record<string, GraphQLScalarType>> = {
  AWSDate: stringScalar('AWSDate', 'An ISO 8601 date.', (v) => DATE.test(v) && validCalendarDate(v)),
  AWSTime: stringScalar('AWSTime', 'An ISO 8601 time.', (v) => TIME.test(v)),
  AWSDateTime: stringScalar(
    'AWSDateTime',
    'An ISO 8601 date and time with a zone offset.',
    (v) => DATE_TIME.test(v) && validCalendarDate(v) && !Number.isNaN(Date.parse(v)),
    (v) => DATE_TIME.test(v),
  ),
  AWSTimestamp: awsTimestamp,
  AWSEmail: stringScalar('AWSEmail', 'An email address (RFC 822).', (v) => EMAIL.test(v)),
  AWSJSON: awsJson,
  AWSURL: stringScalar('AWSURL', 'A URL with a scheme (RFC 1738).', validUrl),
  AWSPhone: stringScalar('AWSPhone', 'A phone number.', (v) => PHONE.test(v)),
  AWSIPAddress: stringScalar('AWSIPAddress', 'An IPv4 or IPv6 address, optionally with a CIDR prefix.', (v) => {
    const [address, prefix] = v.split('/');
    return isIP(address ?? '') !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
  }),
};
