import { randomBytes } from 'node:crypto';

/**
 * The Cloud API's error codes that the sandbox answers, with the title Meta puts in `message` as
 * `(#code) title` and the HTTP status Meta documents for each ("WhatsApp error codes").
 */
export const GRAPH_ERRORS = {
  invalidParameter: { code: 100, title: 'Invalid parameter', status: 400 },
  accessToken: { code: 190, title: 'Invalid OAuth access token - Cannot parse access token', status: 401 },
  serviceUnavailable: { code: 2, title: 'Service temporarily unavailable', status: 503 },
  throughput: { code: 130429, title: 'Rate limit hit', status: 400 },
  somethingWentWrong: { code: 131000, title: 'Something went wrong', status: 500 },
  missingParameter: { code: 131008, title: 'Required parameter is missing', status: 400 },
  invalidValue: { code: 131009, title: 'Parameter value is not valid', status: 400 },
  undeliverable: { code: 131026, title: 'Message Undeliverable', status: 400 },
  reEngagement: { code: 131047, title: 'Re-engagement message', status: 400 },
  unsupportedType: { code: 131051, title: 'Unsupported message type', status: 400 },
  pairRate: { code: 131056, title: '(Business Account, Consumer Account) pair rate limit hit', status: 400 },
  templateParameters: {
    code: 132000,
    title: 'Number of parameters does not match the expected number of params',
    status: 400,
  },
  templateMissing: { code: 132001, title: 'Template name does not exist in the translation', status: 404 },
} as const;

export type GraphErrorKind = keyof typeof GRAPH_ERRORS;

/** The body of a Graph API error answer: `{"error":{"message","type","code","error_data","fbtrace_id"}}`. */
export interface GraphErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly code: number;
    readonly error_data?: { readonly messaging_product: 'whatsapp'; readonly details: string };
    readonly error_subcode?: number;
    readonly fbtrace_id: string;
  };
}

/** One entry of `errors[]` in a `failed` status callback. */
export interface WebhookError {
  readonly code: number;
  readonly title: string;
  readonly message: string;
  readonly error_data: { readonly details: string };
  readonly href: string;
}

const ERROR_CODES_URL = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

/** A send refused with Meta's error shape; thrown by the checks and turned into the HTTP answer. */
export class GraphError extends Error {
  constructor(
    readonly kind: GraphErrorKind,
    readonly details: string,
  ) {
    super(`(#${GRAPH_ERRORS[kind].code}) ${GRAPH_ERRORS[kind].title}: ${details}`);
  }

  get status(): number {
    return GRAPH_ERRORS[this.kind].status;
  }

  get code(): number {
    return GRAPH_ERRORS[this.kind].code;
  }

  body(): GraphErrorBody {
    const { code, title } = GRAPH_ERRORS[this.kind];
    return {
      error: {
        message: `(#${code}) ${title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: this.details },
        fbtrace_id: fbtraceId(),
      },
    };
  }
}

/** The answer to a missing or wrong access token: Graph API errors carry no error_data. */
export function accessTokenError(missing: boolean): GraphErrorBody {
  return {
    error: {
      message: missing ? 'An access token is required to request this resource.' : GRAPH_ERRORS.accessToken.title,
      type: 'OAuthException',
      code: GRAPH_ERRORS.accessToken.code,
      fbtrace_id: fbtraceId(),
    },
  };
}

/** The Graph API's answer to a path whose object id is not this phone number's. */
export function unknownObjectError(id: string): GraphErrorBody {
  return {
    error: {
      message:
        `Unsupported post request. Object with ID '${id}' does not exist, ` +
        'cannot be loaded due to missing permissions, or does not support this operation. ' +
        'Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api',
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      fbtrace_id: fbtraceId(),
    },
  };
}

export function webhookError(kind: GraphErrorKind, details: string): WebhookError {
  const { code, title } = GRAPH_ERRORS[kind];
  return { code, title, message: title, error_data: { details }, href: ERROR_CODES_URL };
}

export function fbtraceId(): string {
  return randomBytes(17).toString('base64url').slice(0, 23);
}
