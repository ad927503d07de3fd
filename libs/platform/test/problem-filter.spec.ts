import { Controller, Get, Module, Post, Body } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt, Min, ValidateNested, IsString } from 'class-validator';
import { Type } from 'class-transformer';
import { QueryFailedError } from 'typeorm';
import { ProblemException, ProblemFilter, createValidationPipe } from '#platform';

class Address {
  @IsString() city: string;
}

class Order {
  @IsInt() @Min(1) quantity: number;
  @ValidateNested() @Type(() => Address) address: Address;
}

@Controller()
class FaultyController {
  @Get('sql-failure')
  sqlFailure(): never {
    throw new QueryFailedError(
      'SELECT secret_hash FROM api_key WHERE id = $1',
      ['x'],
      new Error('relation "api_key" does not exist'),
    );
  }

  @Get('conflict')
  conflict(): never {
    throw ProblemException.conflict('Already there.', 'slug');
  }

  @Post('orders')
  order(@Body() body: Order): Order {
    return body;
  }
}

@Module({ controllers: [FaultyController] })
class FaultyModule {}

describe('problem+json errors', () => {
  let app: NestFastifyApplication;
  let base: string;
  /** A real HTTP request to the listening app. */
  const inject = async (options: {
    method: 'GET' | 'POST';
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }) => {
    const response = await fetch(base + options.url, {
      method: options.method,
      headers:
        options.payload === undefined ? options.headers : { 'content-type': 'application/json', ...options.headers },
      body:
        options.payload === undefined
          ? undefined
          : typeof options.payload === 'string'
            ? options.payload
            : JSON.stringify(options.payload),
    });
    const body = await response.text();
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers),
      body,
      json: () => JSON.parse(body),
    };
  };
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(FaultyModule, new FastifyAdapter(), {
      logger: false,
      abortOnError: false,
    });
    app.useGlobalFilters(new ProblemFilter());
    app.useGlobalPipes(createValidationPipe());
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('answers an unexpected error with a bare 500: no message, SQL or stack leaves the server', async () => {
    const response = await inject({ method: 'GET', url: '/sql-failure' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({
      type: 'https://souk.dev/problems/internal',
      status: 500,
      instance: '/sql-failure',
    });
    expect(response.body).not.toMatch(/SELECT|api_key|relation|at .*\.ts/);
  });

  it('keeps a problem the code raised, with its field', async () => {
    const response = await inject({ method: 'GET', url: '/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      type: 'https://souk.dev/problems/conflict',
      detail: 'Already there.',
      errors: [{ field: 'slug' }],
    });
  });

  it('names nested fields with their path', async () => {
    const response = await inject({
      method: 'POST',
      url: '/orders',
      payload: { quantity: 0, address: { city: 7, zip: '1011' } },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['address.city', 'address.zip', 'quantity']);
  });

  it('reports one check per field, the first in reading order: the type before the range', async () => {
    const response = await inject({ method: 'POST', url: '/orders', payload: { quantity: '2', address: 'Damrak 1' } });
    expect(response.json().errors).toEqual([
      { field: 'quantity', message: 'must be an integer number' },
      { field: 'address', message: 'must be an object' },
    ]);
  });

  it('explains a body that is not JSON and an unknown route as problems', async () => {
    const badJson = await inject({
      method: 'POST',
      url: '/orders',
      headers: { 'content-type': 'application/json' },
      payload: '{"quantity":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.headers['content-type']).toContain('application/problem+json');
    const missing = await inject({ method: 'GET', url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().type).toBe('https://souk.dev/problems/not-found');
  });
});
