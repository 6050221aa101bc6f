// A message's picture must be one this shop stored (uploads module: type checked by its bytes, size capped),
// never a link to elsewhere that a staff member's browser would then load.
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import { storageOf } from "../uploads/routes.ts";

const STORED_KEY = /^[\w-]+(\/[\w-]+)*\.(png|jpg|gif|webp)$/;

export function checkUploadedImage(deps: AppDeps, imageUrl: string | undefined): void {
  if (imageUrl === undefined) return;
  const prefix = storageOf(deps).url("");
  if (!imageUrl.startsWith(prefix) || !STORED_KEY.test(imageUrl.slice(prefix.length))) {
    throw new AppError("MESSAGE_IMAGE_INVALID", "Send an image uploaded to this shop first");
  }
}
