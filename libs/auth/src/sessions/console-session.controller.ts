import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowRoles, CurrentActor, ProblemException, Public, type Actor } from '#platform';
import { ConsoleSessionView, SignInBody } from './console-session.dto.js';
import { ConsoleSessionService, SESSION_LIFETIME_SECONDS } from './console-session.service.js';
import { clearedSessionCookie, sessionCookie, sessionTokenFrom } from './session-cookie.js';

/**
 * Sign-in for the web console. The key is sent once, in the body, and exchanged for an HttpOnly
 * cookie; the answer carries the CSRF token the console sends back on every change.
 */
@ApiTags('console')
@Controller('v1/console/session')
export class ConsoleSessionController {
  constructor(private readonly sessions: ConsoleSessionService) {}

  @Post()
  @Public()
  @ApiOperation({ summary: 'Sign in to the console with an operator or retailer key: sets the session cookie.' })
  @ApiCreatedResponse({ type: ConsoleSessionView })
  async signIn(
    @Body() body: SignInBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConsoleSessionView> {
    const opened = await this.sessions.signIn(body.apiKey, String(request.id));
    void reply.header(
      'set-cookie',
      sessionCookie(opened.token, SESSION_LIFETIME_SECONDS, request.protocol === 'https'),
    );
    void reply.header('cache-control', 'no-store');
    return opened.view;
  }

  @Get()
  @AllowRoles('operator', 'retailer')
  @ApiOperation({ summary: 'The console session of this cookie, with its CSRF token.' })
  @ApiOkResponse({ type: ConsoleSessionView })
  async describe(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConsoleSessionView> {
    const token = sessionTokenFrom(request.headers.cookie);
    const view = token && !request.headers.authorization ? await this.sessions.describe(token) : null;
    if (!view)
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'Unauthorized',
        'There is no console session: sign in with POST /v1/console/session.',
      );
    void reply.header('cache-control', 'no-store');
    return view;
  }

  @Delete()
  @HttpCode(204)
  @AllowRoles('operator', 'retailer')
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookie.' })
  @ApiNoContentResponse()
  async signOut(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (!actor.consoleSessionId)
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'Unauthorized',
        'There is no console session to end.',
      );
    await this.sessions.signOut(actor, actor.consoleSessionId);
    void reply.header('set-cookie', clearedSessionCookie(request.protocol === 'https'));
  }
}
