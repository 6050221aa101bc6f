// Image uploads (staff for the catalog, shoppers for after-sale photos) and the static folders they and the
// demo pictures are served from. Multipart parsing is registered only inside this plugin's scope.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import type { App } from "../../http/types.ts";
import { MAX_UPLOAD_BYTES, storeImage } from "./service.ts";
import { createLocalStorage, type Storage } from "./storage.ts";

export const demoAssets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../assets/demo");
const UploadResponse = z.object({
  key: z.string(),
  url: z.string(),
  contentType: z.string(),
  size: z.number(),
});

export function storageOf(deps: AppDeps): Storage {
  return deps.storage ?? createLocalStorage(path.join(deps.config.dataDir, "uploads"));
}

export async function readImage(request: FastifyRequest): Promise<Buffer> {
  try {
    const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    if (!file) throw new AppError("VALIDATION_FAILED", "Send one image in the multipart field `file`");
    return await file.toBuffer();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw new AppError("UPLOAD_TOO_LARGE", "The image is too large");
    if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE") {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload with multipart/form-data");
    }
    if (error instanceof AppError) throw error;
    // Anything else the multipart parser throws (no boundary, a form cut short, a broken part header) is the
    // sender's malformed request, not a fault of ours.
    throw new AppError("MALFORMED_MULTIPART", "The upload is not a well-formed multipart form");
  }
}

export function registerUploadRoutes(app: App, deps: AppDeps): void {
  const storage = storageOf(deps);
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
    const typed = scope as unknown as App;
    typed.post(
      "/api/admin/v1/uploads",
      {
        config: { permission: "catalog.write" },
        schema: { tags: ["admin: uploads"], response: { 201: UploadResponse } },
      },
      async (request, reply) =>
        reply.status(201).send(await storeImage(storage, await readImage(request), deps.now(), "catalog")),
    );
    typed.post(
      "/api/v1/uploads",
      { config: { auth: "user" }, schema: { tags: ["shopper: uploads"], response: { 201: UploadResponse } } },
      async (request, reply) =>
        reply.status(201).send(await storeImage(storage, await readImage(request), deps.now(), "aftersale")),
    );
  });

  app.register(fastifyStatic, { root: demoAssets, prefix: "/demo/", decorateReply: false });
  const local = storage.localRoot;
  if (local && ensureFolder(local.dir)) {
    app.register(fastifyStatic, { root: local.dir, prefix: local.prefix, decorateReply: false });
  }
}

function ensureFolder(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    return true;
  } catch {
    return false;
  }
}
