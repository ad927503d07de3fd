import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/** The OpenAPI document at /docs/openapi.json and its browsable UI at /docs. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const document = createOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
}

/**
 * The app's OpenAPI document, from its controllers and DTOs; also what `npm run client:generate` writes to libs/client.
 */
export function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Souk marketplace API')
    .setDescription(
      'Admin API (operator keys), retailer API (/v1/retailer, retailer keys) ' +
        'and channel API (/v1/channel, channel keys). ' +
        'Send keys as `Authorization: Bearer <key>`. Errors are RFC 9457 application/problem+json.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'A Souk API key (souk_op_..., souk_rt_..., souk_ch_...)',
    })
    .build();
  return SwaggerModule.createDocument(app, config);
}
