import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponse, Consumes, ParseId, Public, rawBodyOf } from '#platform';
import { ConnectorWebhookReceiver, type ReceiptOutcome } from './connector-webhook-receiver.js';

/** Where shop systems (Shopify, WooCommerce) send their webhooks; the path prefix, for the raw-body hook. */
export const CONNECTOR_WEBHOOK_PATH = '/v1/connector-webhooks/';

@ApiTags('connector webhooks')
@Controller('v1/connector-webhooks')
export class ConnectorWebhooksController {
  constructor(private readonly receiver: ConnectorWebhookReceiver) {}

  @Post(':configId')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: "Webhooks from a retailer's shop system, for one connector config.",
    description:
      'No API key: the connector verifies the signature with the webhook secret of the config ' +
      '(401 if it does not hold). A delivery is applied once, by its delivery id.',
  })
  @Consumes(['application/json', 'application/x-www-form-urlencoded'], {
    type: 'object',
    additionalProperties: true,
    description: 'What the shop system sent and signed (WooCommerce pings with a form).',
  })
  @ApiOkResponse({ description: '{"status": "applied" | "duplicate" | "ping"}' })
  @ApiProblemResponse(401, 'The signature does not hold; nothing was changed.')
  async receive(
    @Param('configId', ParseId) configId: string,
    @Req() request: FastifyRequest,
  ): Promise<{ status: ReceiptOutcome }> {
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name.toLowerCase(),
        Array.isArray(value) ? value.join(', ') : value,
      ]),
    );
    return { status: await this.receiver.receive(configId, { headers, rawBody: rawBodyOf(request) }) };
  }
}
