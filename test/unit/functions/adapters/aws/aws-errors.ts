/**
 * Errors shaped as the AWS SDK v3 throws them (a ServiceException: `name` is the AWS error code,
 * `$metadata.httpStatusCode` the HTTP status the API reference lists for it), for
 * aws-sdk-client-mock's `rejects`.
 */
export function serviceError(name: string, httpStatusCode: number, message = `${name} from the service`): Error {
  return Object.assign(new Error(message), { name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode } });
}

/** Retry settings that do not wait. */
export const NO_WAIT = { sleep: async () => {}, random: () => 0 } as const;
