import {
  CircuitOpenError,
  ConnectorError,
  HttpRequestError,
  OutboundRefusedError,
  ResponseTooLargeError,
} from '#connector-sdk';

/** Explains a failed feed request to the retailer, with the reason that check and run reports use. */
export function httpFailure(error: unknown, url: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const host = hostOf(url);
  if (error instanceof OutboundRefusedError)
    return new ConnectorError(`The feed was not fetched from ${host}: ${error.message}.`, 'not-allowed', {
      cause: error,
    });
  if (error instanceof HttpRequestError) {
    switch (error.status) {
      case 401:
        return new ConnectorError(
          `The feed server at ${host} refused the credentials (HTTP 401): ` +
            `check the username and password, or the bearer token.`,
          'credentials',
          { cause: error },
        );
      case 403:
        return new ConnectorError(
          `The feed server at ${host} denied access to the feed (HTTP 403): these credentials may not read it.`,
          'permission',
          { cause: error },
        );
      case 404:
      case 410:
        return new ConnectorError(
          `There is no feed at ${error.url} (HTTP ${error.status}): check the feed URL.`,
          'not-found',
          { cause: error },
        );
      default:
        return new ConnectorError(`The feed could not be downloaded: ${error.message}.`, 'unreachable', {
          cause: error,
        });
    }
  }
  if (error instanceof CircuitOpenError)
    return new ConnectorError(`The feed could not be downloaded: ${error.message}.`, 'unreachable', { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new ConnectorError(`The feed server at ${host} could not be reached (${detail}).`, 'unreachable', {
    cause: error,
  });
}

/** The error for a connection that broke while the feed body was streaming in. */
export function bodyFailure(error: unknown, url: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof ResponseTooLargeError)
    return new ConnectorError(`The feed at ${hostOf(url)} was not read to its end: ${error.message}.`, 'source', {
      cause: error,
    });
  const detail = error instanceof Error ? error.message : String(error);
  return new ConnectorError(
    `The connection to ${hostOf(url)} broke while the feed was downloading (${detail}).`,
    'unreachable',
    { cause: error },
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the feed server';
  }
}
