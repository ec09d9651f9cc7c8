import type { AuthMode } from '../types';
import { createDynamodbUtils } from './dynamodb-conversions';
import type { DynamodbUtils } from './dynamodb-conversions';
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './encoding';
import { createHttpUtils } from './http-utils';
import type { HttpUtils } from './http-utils';
import { autoId, autoKsuid, autoUlid } from './identifiers';
import type { InvocationScope } from './invocation-state';
import { matchesJavaPattern } from './java-regex';
import { createMathUtils } from './math-utils';
import type { MathUtils } from './math-utils';
import { ResolverThrownError } from './signals';
import { createStringUtils } from './string-utils';
import type { StringUtils } from './string-utils';
import { createTimeUtils } from './time';
import type { TimeUtils } from './time';
import { createTransformUtils } from './transform';
import type { TransformUtils } from './transform';
import { copyJsonValue } from './values';
import { createXmlUtils } from './xml-utils';
import type { XmlUtils } from './xml-utils';

/**
 * The `util` global of APPSYNC_JS resolvers: every function @aws-appsync/utils declares, except
 * `util.rds` (Mediagraph has no RDS data source).
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html
 */
export interface Util {
  escapeJavaScript(value: string): string;
  urlEncode(value: string): string;
  urlDecode(value: string): string;
  base64Encode(value: string): string;
  base64Decode(value: string): string;
  autoId(): string;
  autoUlid(): string;
  autoKsuid(): string;
  unauthorized(): never;
  error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never;
  appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void;
  matches(pattern: string, value: string): boolean;
  authType(): string;
  time: TimeUtils;
  dynamodb: DynamodbUtils;
  http: HttpUtils;
  xml: XmlUtils;
  transform: TransformUtils;
  math: MathUtils;
  str: StringUtils;
}

/**
 * util.authType()'s answers. Without an authenticated mode AppSync answers as for an API key,
 * which is what AppSync reports for requests that carry no identity.
 */
export function authTypeName(mode: AuthMode | null): string {
  switch (mode) {
    case 'AMAZON_COGNITO_USER_POOLS':
      return 'User Pool Authorization';
    case 'AWS_IAM':
      return 'IAM Authorization';
    case null:
      return 'API Key Authorization';
  }
}

/** Clock and randomness, injectable so tests can pin them. */
export interface UtilDependencies {
  now?: () => number;
  random?: () => number;
}

/** Builds `util`, whose stateful functions act on the invocation `scope` makes current. */
export function createUtil(scope: InvocationScope, dependencies: UtilDependencies = {}): Util {
  return {
    escapeJavaScript,
    urlEncode,
    urlDecode,
    base64Encode,
    base64Decode,
    autoId,
    autoUlid: () => autoUlid((dependencies.now ?? Date.now)()),
    autoKsuid: () => autoKsuid((dependencies.now ?? Date.now)()),
    unauthorized() {
      // AppSync's error: errorType "Unauthorized", "Not Authorized to access <field> on type <Type>".
      const { info } = scope.current('util.unauthorized');
      throw new ResolverThrownError(`Not Authorized to access ${info.fieldName} on type ${info.parentTypeName}`, {
        errorType: 'Unauthorized',
      });
    },
    error(message, errorType, data, errorInfo) {
      throw new ResolverThrownError(String(message), {
        errorType: errorType ?? null,
        data: copyJsonValue(data),
        errorInfo: copyJsonValue(errorInfo),
      });
    },
    appendError(message, errorType, data, errorInfo) {
      scope.current('util.appendError').errors.push({
        message: String(message),
        errorType: errorType ?? null,
        data: copyJsonValue(data),
        errorInfo: copyJsonValue(errorInfo),
      });
    },
    matches: (pattern, value) => matchesJavaPattern(pattern, value),
    authType: () => authTypeName(scope.current('util.authType').authMode),
    time: createTimeUtils(dependencies.now),
    dynamodb: createDynamodbUtils(),
    http: createHttpUtils(scope),
    xml: createXmlUtils(),
    transform: createTransformUtils(),
    math: createMathUtils(dependencies.random),
    str: createStringUtils(),
  };
}
