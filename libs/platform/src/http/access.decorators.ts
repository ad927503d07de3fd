import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../actor.js';

export const IS_PUBLIC = 'souk:public';
export const ALLOWED_ROLES = 'souk:roles';

export type KeyRole = 'operator' | 'retailer' | 'channel';

/** Open to callers without an API key (health checks). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only keys of these roles may call the route; every other authenticated caller gets 403. */
export const AllowRoles = (...roles: KeyRole[]): MethodDecorator & ClassDecorator => SetMetadata(ALLOWED_ROLES, roles);

/** The request property where the authentication guard puts the caller. */
export const ACTOR_PROPERTY = 'soukActor';

/** The authenticated caller of this request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<Record<string, unknown>>()[ACTOR_PROPERTY] as Actor | undefined;
  if (!actor) throw new Error('CurrentActor used on a route that the API key guard did not authenticate');
  return actor;
});
