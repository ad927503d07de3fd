import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ALLOWED_ROLES, IS_PUBLIC, type KeyRole } from '#platform';

/** Who the API key guard lets through to a route, read from the same metadata the guard reads. */
export type RouteAccess = { readonly public: true } | { readonly public: false; readonly roles: readonly KeyRole[] };

/** One route of the running app, from Nest's own controllers: the OpenAPI document may leave a route out, these cannot. */
export interface DeclaredRoute {
  /** "METHOD /path/{param}", the form the OpenAPI document's paths take. */
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly access: RouteAccess;
  readonly handler: string;
  /** Whether the handler takes a request body: a `@Body()` parameter, or a `Consumes` route that reads it raw. */
  readonly readsBody: boolean;
}

const joinPaths = (...parts: string[]) =>
  '/' +
  parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');

/** Every route the app's controllers declare, with the access the guard gives it (no roles named: operators only). */
export function declaredRoutes(app: Pick<INestApplicationContext, 'get'>): DeclaredRoute[] {
  const reflector = new Reflector();
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      for (const methodName of methodNames(controller)) {
        const handler = controller.prototype[methodName] as unknown;
        if (methodName === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const targets = [handler as () => unknown, controller];
        const access: RouteAccess = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)
          ? { public: true }
          : {
              public: false,
              roles: reflector.getAllAndOverride<KeyRole[] | undefined>(ALLOWED_ROLES, targets) ?? ['operator'],
            };
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) ?? ''].flat() as string[];
        for (const prefix of prefixes) {
          for (const own of paths) {
            const path = joinPaths(prefix, own).replace(/:(\w+)/g, '{$1}');
            const verb = RequestMethod[method];
            routes.push({
              name: `${verb} ${path}`,
              method: verb,
              path,
              access,
              handler: `${controller.name}.${methodName}`,
              readsBody: readsBody(controller, methodName, handler as () => unknown),
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.name.localeCompare(b.name));
}

/** Its own methods and those it inherits (controllers of one API for two roles share a base class). */
function methodNames(controller: Type): string[] {
  const names = new Set<string>();
  for (
    let prototype = controller.prototype as object | null;
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(prototype)) names.add(name);
  }
  return [...names];
}

function readsBody(controller: Type, methodName: string, handler: () => unknown): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<string, unknown>;
  const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as { consumes?: unknown } | undefined;
  return Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`)) || config?.consumes !== undefined;
}
