// Saving the poster settings: a background must be a picture already in the shop's storage.
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { AppError } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { getSettings, updateSettings } from "../settings/service.ts";
import type { PosterSettingsBody } from "./schemas.ts";
import { readShopImageKey } from "./shop-images.ts";

export async function savePosterSettings(
  deps: AppDeps,
  actor: StaffActor,
  patch: z.output<typeof PosterSettingsBody>,
) {
  if (patch.inviteBackgroundKey && !(await readShopImageKey(deps, patch.inviteBackgroundKey)))
    throw new AppError("POSTER_BACKGROUND_NOT_FOUND", "Upload the background first");
  await updateSettings(deps.db, actor, "posters", patch);
  return getSettings(deps.db, "posters");
}
