// Accepts an image upload: the type is decided by the file's first bytes (png, jpeg, webp, gif), not by
// the name or the declared type; the key is random so names never collide or leak.
import { randomUUID } from "node:crypto";
import { AppError } from "../../errors/app-error.ts";
import type { Storage } from "./storage.ts";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const signatures: Array<{ type: string; ext: string; test: (b: Buffer) => boolean }> = [
  {
    type: "image/png",
    ext: "png",
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: "image/jpeg", ext: "jpg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: "image/gif",
    ext: "gif",
    test: (b) => ["GIF87a", "GIF89a"].includes(b.subarray(0, 6).toString("latin1")),
  },
  {
    type: "image/webp",
    ext: "webp",
    test: (b) =>
      b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
];

export async function storeImage(
  storage: Storage,
  bytes: Buffer,
  now: Date,
  folder: "catalog" | "aftersale" | "service",
) {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError("UPLOAD_TOO_LARGE", `Images may be at most ${MAX_UPLOAD_BYTES} bytes`);
  }
  const kind = signatures.find((s) => s.test(bytes));
  if (!kind) throw new AppError("UPLOAD_TYPE_INVALID", "Only PNG, JPEG, WebP and GIF images are accepted");
  const month = now.toISOString().slice(0, 7).replace("-", "");
  const key = `${folder}/${month}/${randomUUID()}.${kind.ext}`;
  await storage.put(key, bytes, kind.type);
  return { key, url: storage.url(key), contentType: kind.type, size: bytes.length };
}
