/**
 * S3's error answers: a closed set of codes, each with the HTTP status and message S3 sends
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList), rendered as
 * `<Error><Code>…</Code><Message>…</Message>…<RequestId>…</RequestId></Error>`. Operations throw
 * `S3Error`; the request handler turns it into the response.
 */

/** The codes this server answers with. */
export type S3ErrorCode =
  | 'AccessDenied'
  | 'AccessForbidden'
  | 'AuthorizationHeaderMalformed'
  | 'AuthorizationQueryParametersError'
  | 'BadDigest'
  | 'BadRequest'
  | 'EntityTooLarge'
  | 'EntityTooSmall'
  | 'ExpiredToken'
  | 'IncompleteBody'
  | 'InternalError'
  | 'InvalidAccessKeyId'
  | 'InvalidArgument'
  | 'InvalidDigest'
  | 'InvalidPart'
  | 'InvalidPartOrder'
  | 'InvalidRange'
  | 'InvalidRequest'
  | 'InvalidURI'
  | 'KeyTooLongError'
  | 'MalformedXML'
  | 'MethodNotAllowed'
  | 'MissingContentLength'
  | 'NoSuchBucket'
  | 'NoSuchKey'
  | 'NoSuchUpload'
  | 'NoSuchVersion'
  | 'NotImplemented'
  | 'PreconditionFailed'
  | 'RequestTimeTooSkewed'
  | 'SignatureDoesNotMatch'
  | 'XAmzContentSHA256Mismatch';

const STATUS: Record<S3ErrorCode, number> = {
  AccessDenied: 403,
  AccessForbidden: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  BadRequest: 400,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  ExpiredToken: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidDigest: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  MalformedXML: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchVersion: 404,
  NotImplemented: 501,
  PreconditionFailed: 412,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
};

/** S3's own wording for the codes whose message does not depend on the request. */
const DEFAULT_MESSAGE: Partial<Record<S3ErrorCode, string>> = {
  AccessDenied: 'Access Denied',
  BadDigest: 'The Content-MD5 you specified did not match what we received.',
  EntityTooLarge: 'Your proposed upload exceeds the maximum allowed object size.',
  EntityTooSmall: 'Your proposed upload is smaller than the minimum allowed object size.',
  ExpiredToken: 'The provided token has expired.',
  IncompleteBody: 'You did not provide the number of bytes specified by the Content-Length HTTP header',
  InternalError: 'We encountered an internal error. Please try again.',
  InvalidAccessKeyId: 'The AWS Access Key Id you provided does not exist in our records.',
  InvalidDigest: 'The Content-MD5 you specified was invalid.',
  InvalidPart:
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  InvalidPartOrder: 'The list of parts was not in ascending order. Parts must be ordered by part number.',
  InvalidRange: 'The requested range is not satisfiable',
  InvalidURI: "Couldn't parse the specified URI.",
  KeyTooLongError: 'Your key is too long',
  MalformedXML: 'The XML you provided was not well-formed or did not validate against our published schema',
  MethodNotAllowed: 'The specified method is not allowed against this resource.',
  MissingContentLength: 'You must provide the Content-Length HTTP header.',
  NoSuchBucket: 'The specified bucket does not exist',
  NoSuchKey: 'The specified key does not exist.',
  NoSuchUpload: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  NoSuchVersion: 'The specified version does not exist.',
  NotImplemented: 'A header you provided implies functionality that is not implemented',
  PreconditionFailed: 'At least one of the pre-conditions you specified did not hold',
  RequestTimeTooSkewed: "The difference between the request time and the server's time is too large.",
  SignatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  XAmzContentSHA256Mismatch: "The provided 'x-amz-content-sha256' header does not match what was computed.",
};

/** An S3 error answer: code, HTTP status, message, and the extra elements S3 adds for that code. */
export class S3Error extends Error {
  readonly code: S3ErrorCode;
  readonly status: number;
  /** Extra `<Error>` children in S3's order, e.g. `Key`, `BucketName`, `ProposedSize`. */
  readonly fields: Readonly<Record<string, string>>;
  /** Response headers S3 sends with this error (e.g. `x-amz-delete-marker`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: S3ErrorCode,
    message?: string,
    details: { fields?: Record<string, string>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message ?? DEFAULT_MESSAGE[code] ?? code, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'S3Error';
    this.code = code;
    this.status = STATUS[code];
    this.fields = details.fields ?? {};
    this.headers = details.headers ?? {};
  }
}

/**
 * Builds an S3Error with S3's default message for the code.
 * @returns the error, ready to throw
 */
export function s3Error(code: S3ErrorCode, fields?: Record<string, string>, headers?: Record<string, string>): S3Error {
  return new S3Error(code, undefined, { ...(fields ? { fields } : {}), ...(headers ? { headers } : {}) });
}
