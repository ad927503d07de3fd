import { Inject, Injectable, type CanActivate, type ExecutionContext, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import {
  ACTOR_PROPERTY,
  ALLOWED_ROLES,
  APP_CONFIG,
  IS_PUBLIC,
  ProblemException,
  type AppConfig,
  type KeyRole,
} from '#platform';
import { ApiKeyService, type AuthenticatedKey } from '../api-key.service.js';
import { RATE_WINDOW_PROPERTY, RATE_WINDOW_SECONDS } from './channel-rate-limit.guard.js';
import { ConsoleSessionService } from '../sessions/console-session.service.js';
import { CSRF_HEADER, isSafeMethod, sessionTokenFrom } from '../sessions/session-cookie.js';
import { csrfTokenMatches } from '../sessions/session-token.js';

/**
 * Authenticates every route with `Authorization: Bearer <key>`, or the console's session cookie
 * with its CSRF token on every change, unless the route is marked public; refuses
 * every request of a paused channel's key, then checks the key's role against the route's allowed roles. A route that
 * names no roles is for operators only, so a forgotten annotation fails closed. A channel key's request is counted
 * for ChannelRateLimitGuard in the same statement that reads the key.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    private readonly sessions: ConsoleSessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const authenticated = await this.authenticate(request);
    const { actor } = authenticated;
    if (authenticated.window) request[RATE_WINDOW_PROPERTY] = authenticated.window;
    if (authenticated.channelPaused) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'channel-paused',
        'Forbidden',
        "This key's channel is paused: it can search, read and order nothing until an operator activates the channel.",
      );
    }
    const allowed = this.reflector.getAllAndOverride<KeyRole[] | undefined>(ALLOWED_ROLES, targets) ?? ['operator'];
    if (!allowed.includes(actor.role as KeyRole)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Forbidden',
        `This endpoint is not open to ${actor.role} keys.`,
      );
    }
    request[ACTOR_PROPERTY] = actor;
    return true;
  }

  /** The key's caller, or the console session's, with the CSRF token checked on a change. */
  private async authenticate(request: FastifyRequest): Promise<AuthenticatedKey> {
    const token = bearerToken(request.headers.authorization);
    const sessionToken = token ? undefined : sessionTokenFrom(request.headers.cookie);
    if (sessionToken) return this.authenticateSession(request, sessionToken);
    if (!token) {
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'Unauthorized',
        'Send an API key as `Authorization: Bearer <key>`.',
      );
    }
    const authenticated = await this.keys.authenticate(token, String(request.id), {
      countIn: this.config.channelRequestsPerMinute > 0 ? RATE_WINDOW_SECONDS : undefined,
    });
    if (!authenticated) {
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'Unauthorized',
        'The API key is not valid or has been revoked.',
      );
    }
    return authenticated;
  }

  private async authenticateSession(request: FastifyRequest, sessionToken: string): Promise<AuthenticatedKey> {
    const caller = await this.sessions.authenticate(sessionToken, String(request.id));
    if (!caller) {
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'Unauthorized',
        'The console session has ended; sign in again.',
      );
    }
    if (!isSafeMethod(request.method) && !csrfTokenMatches(sessionToken, request.headers[CSRF_HEADER])) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'csrf',
        'Forbidden',
        "A change made with the console session must carry the session's CSRF token in the X-CSRF-Token header.",
      );
    }
    return { actor: { ...caller.actor, consoleSessionId: caller.sessionId }, channelPaused: false };
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
