// Builds the Fastify application from its dependencies: plugins, error handling, auth, docs and routes.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyServerOptions, LogController } from "fastify";
import { jsonSchemaTransform, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors/app-error.ts";
import { installAuthentication } from "./authenticate.ts";
import { frameworkErrors, installErrorHandling, type NotFoundFallback } from "./error-handler.ts";
import { errorResponseComponent } from "./error-response.ts";
import { guardedValidatorCompiler } from "./input-guard.ts";
import { lazyChildLogger, safeLoggerOptions } from "./log-safety.ts";
import { registerRoutes } from "./routes.ts";
import { applySecurityHeaders, HELMET_OPTIONS, securityHeadersOf } from "./security-headers.ts";
import { serializerCompiler } from "./serializer.ts";
import type { App } from "./types.ts";

export async function buildApp(
  deps: AppDeps,
  options: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<App> {
  const app = Fastify({
    logger: safeLoggerOptions(options.logger ?? false),
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // Believe X-Forwarded-For only from the configured proxies; otherwise any client could pick its own IP.
    frameworkErrors,
    trustProxy: trustedProxies(deps.config.trustProxy),
    // One JSON line per request drowns the terminal at the default level: requests are logged at debug below.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger as never,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(guardedValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // One synchronous hook for what every response carries: its request id and the security headers
  // (security-headers.ts; set on the raw response as helmet did, so files and error pages carry them too).
  const securityHeaders = securityHeadersOf(HELMET_OPTIONS);
  app.addHook("onRequest", (request, reply, done) => {
    applySecurityHeaders(securityHeaders, reply.raw);
    reply.raw.setHeader("x-request-id", request.id);
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    // The line is built only when it is written (debug): the hook runs for every request.
    // (the silent logger of a test app has no isLevelEnabled)
    if ((request.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.("debug"))
      request.log.debug(
        {
          method: request.method,
          // the path only: query strings carry search words and pay-link signatures (see log-safety.ts)
          url: request.url.split("?")[0],
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        "request completed",
      );
    done();
  });

  await app.register(rateLimit, {
    global: false,
    // Thrown into the error handler: the standard body, saying how long to wait (Retry-After is set too).
    errorResponseBuilder: (_request, context) =>
      new AppError("RATE_LIMITED", `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
  const roots = staticRootsOf(deps);
  installErrorHandling(app, roots.length > 0 ? pageFallback(roots) : undefined);
  installAuthentication(app, deps.db, deps.now);

  await app.register(swagger, {
    openapi: {
      info: {
        title: "Liebian API",
        version: "1.0.0",
        description: "裂变 distribution mall: shopper and staff API",
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
        schemas: { ErrorResponse: errorResponseComponent as Record<string, unknown> },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  app.get(
    "/healthz",
    { schema: { tags: ["ops"], response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({
      status: "ok" as const,
    }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        tags: ["ops"],
        response: { 200: z.object({ status: z.literal("ready"), engine: z.string() }) },
      },
    },
    async () => {
      await deps.db.execute(sql`select 1`);
      return { status: "ready" as const, engine: deps.database.engine };
    },
  );

  registerRoutes(app, deps);
  await serveFrontEnds(app, roots);
  return app;
}

/** TRUST_PROXY for Fastify: a hop count trusts that many proxies nearest to us, a list trusts those addresses. */
function trustedProxies(
  setting: false | number | string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === "number") return (_address, hop) => hop < setting;
  return setting;
}

type StaticRoot = { prefix: string; dir: string };

function staticRootsOf(deps: AppDeps): StaticRoot[] {
  const { shop, admin } = deps.staticRoots ?? {};
  return [
    { prefix: "/admin/", dir: admin },
    { prefix: "/", dir: shop },
  ].filter((r): r is StaticRoot => Boolean(r.dir && fs.existsSync(r.dir)));
}

/** Serves the built admin at /admin and the shop at /. */
async function serveFrontEnds(app: App, roots: StaticRoot[]): Promise<void> {
  for (const [i, root] of roots.entries()) {
    await app.register(fastifyStatic, {
      root: root.dir,
      prefix: root.prefix,
      decorateReply: i === 0,
      wildcard: false,
    });
  }
}

/** Client-side routes (a GET for a page, not a file or the API) fall back to the app's index.html. */
function pageFallback(roots: StaticRoot[]): NotFoundFallback {
  return (request, reply) => {
    const url = request.url.split("?")[0] ?? "/";
    const wantsPage = request.method === "GET" && !url.startsWith("/api/") && !/\.\w+$/.test(url);
    const root = roots.find((r) => url.startsWith(r.prefix) || `${url}/` === r.prefix);
    return wantsPage && root ? reply.sendFile("index.html", root.dir) : null;
  };
}
