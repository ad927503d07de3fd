import type { Catalog } from './catalog/catalog.js';
import type { FaultPicker, SendFault } from './faults.js';
import { accessTokenError, GraphError, unknownObjectError, webhookError, type GraphErrorBody } from './graph-errors.js';
import { newWamid } from './ids.js';
import type { Records } from './records.js';
import type { StatusReporter } from './status-reporter.js';
import { templateText, type TemplateDefinition } from './templates.js';
import type { ThroughputLimit } from './throughput.js';
import { checkSend, type CheckedSend } from './validation/send-validation.js';

/** Where a free-form send outside the 24-hour window is refused (see WhatsAppSandboxOptions.reEngagementFailure). */
export type ReEngagementFailure = 'status' | 'response';

export interface SendApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export interface SendRequest {
  readonly phoneNumberId: string;
  readonly authorization: string | undefined;
  /** `access_token` from the query string, which the Graph API also takes. */
  readonly queryToken: string | null;
  readonly rawBody: string;
}

export interface SendApiSetting {
  readonly accessToken: string;
  readonly phoneNumberId: string;
  readonly catalog: Catalog;
  readonly templates: Map<string, TemplateDefinition> | null;
  readonly records: Records;
  readonly statuses: StatusReporter;
  readonly faults: FaultPicker;
  readonly throughput: ThroughputLimit;
  readonly now: () => Date;
  readonly reEngagementFailure: () => ReEngagementFailure;
}

const WINDOW_MS = 24 * 60 * 60 * 1000;

const FAULT_ERRORS: Record<Exclude<SendFault, 'undeliverable'>, () => GraphError> = {
  throughput: () =>
    new GraphError(
      'throughput',
      'Message failed to send because there were too many messages sent from this phone number ' +
        'in a short period of time',
    ),
  'pair-rate': () =>
    new GraphError(
      'pairRate',
      'Message failed to send because there were too many messages sent from this phone number ' +
        'to the same phone number in a short period of time',
    ),
  'server-error': () => new GraphError('somethingWentWrong', 'Message failed to send due to an unknown error'),
  unavailable: () => new GraphError('serviceUnavailable', 'Service temporarily unavailable'),
};

const RE_ENGAGEMENT_DETAILS =
  'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';

/**
 * `POST /{version}/{phone-number-id}/messages`: the access token, the payload checks, the
 * throughput limit, injected faults and the 24-hour customer service window, in that order. An
 * accepted send gets its wamid, enters the user's transcript and has its statuses reported.
 */
export class SendApi {
  constructor(private readonly setting: SendApiSetting) {}

  async handle(request: SendRequest): Promise<SendApiAnswer> {
    const at = this.setting.now();
    const bearer = /^Bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1]?.trim() ?? request.queryToken;
    if (bearer !== this.setting.accessToken) {
      const body = accessTokenError(!bearer);
      const headers = { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${body.error.message}"` };
      return this.refused(at, request.rawBody, 401, body, null, headers);
    }
    if (request.phoneNumberId !== this.setting.phoneNumberId) {
      return this.refused(at, request.rawBody, 400, unknownObjectError(request.phoneNumberId), null);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.rawBody);
    } catch {
      return this.refusedWith(
        at,
        request.rawBody,
        new GraphError('invalidParameter', 'The request body is not valid JSON'),
        null,
      );
    }
    let send: CheckedSend;
    try {
      send = await checkSend(parsed, { catalog: this.setting.catalog, templates: this.setting.templates });
    } catch (error) {
      if (error instanceof GraphError) return this.refusedWith(at, parsed, error, null);
      throw error;
    }
    if (!this.setting.throughput.take(Date.now())) return this.refusedWith(at, parsed, FAULT_ERRORS.throughput(), null);
    const fault = this.setting.faults.pick();
    if (fault !== null && fault !== 'undeliverable') return this.refusedWith(at, parsed, FAULT_ERRORS[fault](), fault);

    const outsideWindow = send.type !== 'template' && !this.withinWindow(send.waId, at);
    if (outsideWindow && this.setting.reEngagementFailure() === 'response') {
      return this.refusedWith(at, parsed, new GraphError('reEngagement', RE_ENGAGEMENT_DETAILS), null);
    }
    return this.accept(at, parsed as Record<string, unknown>, send, fault, outsideWindow);
  }

  private accept(
    at: Date,
    request: Record<string, unknown>,
    send: CheckedSend,
    fault: SendFault | null,
    outsideWindow: boolean,
  ): SendApiAnswer {
    const wamid = newWamid(send.waId);
    const isTemplate = send.type === 'template';
    const answer = {
      messaging_product: 'whatsapp',
      contacts: [{ input: send.to, wa_id: send.waId }],
      messages: [{ id: wamid, ...(isTemplate ? { message_status: 'accepted' } : {}) }],
    };
    const template = request.template as { components?: [] } | undefined;
    this.setting.records.addOutbound(send.waId, {
      wamid,
      at: at.toISOString(),
      message: request,
      ...(isTemplate
        ? { templateText: templateText(send.template!.definition, send.template!.name, template?.components) }
        : {}),
    });
    this.setting.records.addSend({
      at: at.toISOString(),
      request,
      accepted: true,
      httpStatus: 200,
      answer,
      wamid,
      waId: send.waId,
      type: send.type,
      error: null,
      fault,
    });
    const context = {
      category: isTemplate ? (send.template!.definition?.category ?? 'utility') : 'service',
      callbackData: send.callbackData,
    };
    if (outsideWindow)
      this.setting.statuses.failed(send.waId, wamid, context, webhookError('reEngagement', RE_ENGAGEMENT_DETAILS));
    else if (fault === 'undeliverable')
      this.setting.statuses.failed(send.waId, wamid, context, webhookError('undeliverable', 'Message Undeliverable.'));
    else this.setting.statuses.accepted(send.waId, wamid, context);
    return { status: 200, body: answer };
  }

  private withinWindow(waId: string, at: Date): boolean {
    const last = this.setting.records.lastMessageAt(waId);
    return last !== null && at.getTime() - last.getTime() < WINDOW_MS;
  }

  private refusedWith(at: Date, request: unknown, error: GraphError, fault: SendFault | null): SendApiAnswer {
    return this.refused(at, request, error.status, error.body(), fault);
  }

  private refused(
    at: Date,
    request: unknown,
    status: number,
    body: GraphErrorBody,
    fault: SendFault | null,
    headers?: Record<string, string>,
  ): SendApiAnswer {
    const fields = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {};
    const to = typeof fields.to === 'string' ? fields.to.replace(/[\s+()\-.]/g, '') : null;
    this.setting.records.addSend({
      at: at.toISOString(),
      request,
      accepted: false,
      httpStatus: status,
      answer: body,
      wamid: null,
      waId: to,
      type: typeof fields.type === 'string' ? fields.type : null,
      error: { code: body.error.code, details: body.error.error_data?.details ?? body.error.message },
      fault,
    });
    return { status, body, ...(headers ? { headers } : {}) };
  }
}
