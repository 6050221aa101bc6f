// Pictures a poster may draw: only the shop's own — an upload in its storage or a bundled demo picture.
// Any other URL (a client's, another site's) is never fetched by the server; the poster leaves its place plain.
import fs from "node:fs/promises";
import path from "node:path";
import type { AppDeps } from "../../deps.ts";
import { demoAssets, storageOf } from "../uploads/routes.ts";

const DEMO = /^\/demo\/([a-z0-9-]+\.(?:svg|png|jpg|webp))$/;

export async function readShopImage(deps: AppDeps, url: string | null | undefined): Promise<Buffer | null> {
  if (!url) return null;
  const demo = DEMO.exec(url);
  if (demo) return fs.readFile(path.join(demoAssets, demo[1]!)).catch(() => null);
  const storage = storageOf(deps);
  const key = storage.keyOf?.(url) ?? null;
  if (key === null || !storage.read) return null;
  return storage.read(key);
}

/** True for a picture of the shop's own: one of its storage's URLs or a bundled demo picture. */
export function isShopImage(deps: AppDeps, url: string): boolean {
  if (DEMO.test(url)) return true;
  return (storageOf(deps).keyOf?.(url) ?? null) !== null;
}

/** A stored key's bytes (a background the merchant uploaded), or null. */
export async function readShopImageKey(deps: AppDeps, key: string | null): Promise<Buffer | null> {
  if (!key) return null;
  const storage = storageOf(deps);
  return storage.read ? storage.read(key) : null;
}
