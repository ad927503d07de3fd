import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
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
