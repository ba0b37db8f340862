import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SESSION_ONLY_KEY } from '@pactwatch/api/auth';
import { ACCESS_RULE_KEY, AccessRule, FEED_KIND_KEY } from '@pactwatch/api/core';
import type { FeedKind } from '@pactwatch/shared/contracts';

export interface NestRoute {
  method: string;
  url: string;
  controller: string;
  handler: string;
  rule: AccessRule | undefined;
  /** @SessionOnly(): no token may call it. */
  sessionOnly: boolean;
  /** The feed a `token` route serves (@Feed). */
  feed: FeedKind | undefined;
}

const join = (...parts: (string | undefined)[]) =>
  `/${parts.filter((part): part is string => Boolean(part)).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/** Every controller route Nest knows, with the @Access rule the global guard will read for it. */
export function nestRoutes(app: NestFastifyApplication, globalPrefix = 'api'): NestRoute[] {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: NestRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!type) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined].flat();
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const targets = [handler as () => void, type];
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, targets);
        const sessionOnly = reflector.getAllAndOverride<boolean | undefined>(SESSION_ONLY_KEY, targets) === true;
        const feed = reflector.getAllAndOverride<FeedKind | undefined>(FEED_KIND_KEY, targets);
        for (const base of bases) {
          for (const path of [paths].flat()) {
            routes.push({ method, url: join(globalPrefix, base, path), controller: type.name, handler: name, rule, sessionOnly, feed });
          }
        }
      }
    }
  }
  return routes;
}
