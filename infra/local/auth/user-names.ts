/**
 * Cognito's rules for user names and group names, checked before the local issuer signs anything,
 * so a name that real Cognito would refuse never reaches a token.
 *
 * Why these rules: the Cognito API reference gives both `Username` (AdminCreateUser) and
 * `GroupName` (CreateGroup) as 1–128 characters matching `[\p{L}\p{M}\p{S}\p{N}\p{P}]+` — letters,
 * marks, symbols, numbers and punctuation; no whitespace, no control characters.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html
 */

const COGNITO_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const MAX_NAME_LENGTH = 128;

/** A name Cognito would refuse. Named after Cognito's `InvalidParameterException`. */
export class InvalidParameterError extends Error {
  readonly errorType = 'InvalidParameterException';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidParameterError';
  }
}

/**
 * Checks a user name against Cognito's rules.
 * @throws {InvalidParameterError} saying what was expected and what was found
 * @returns the same name, for chaining
 */
export function assertValidUsername(username: string): string {
  return assertCognitoName('username', username);
}

/**
 * Checks a group name against Cognito's rules.
 * @throws {InvalidParameterError} saying what was expected and what was found
 * @returns the same name, for chaining
 */
export function assertValidGroupName(groupName: string): string {
  return assertCognitoName('group name', groupName);
}

function assertCognitoName(what: string, value: string): string {
  if (typeof value !== 'string') {
    throw new InvalidParameterError(`The ${what} must be a string, got ${typeof value}.`);
  }
  // Length counts characters (code points), as Cognito's UTF-8 string constraints do.
  const length = [...value].length;
  if (length < 1 || length > MAX_NAME_LENGTH) {
    throw new InvalidParameterError(`The ${what} must be 1 to ${MAX_NAME_LENGTH} characters long, got ${length}.`);
  }
  if (!COGNITO_NAME.test(value)) {
    throw new InvalidParameterError(
      `The ${what} ${JSON.stringify(value)} may contain only letters, marks, symbols, numbers and punctuation (no whitespace or control characters).`,
    );
  }
  return value;
}
