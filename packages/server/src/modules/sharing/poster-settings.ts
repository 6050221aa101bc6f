// The merchant's poster settings (推广海报): the template, the invite poster's background (a key in the
// shop's own storage, uploaded in the admin) and its invite text.
import { z } from "zod";
import { posterTemplateIds } from "../../adapters/posters/templates.ts";

/** A key the upload service made (e.g. catalog/202612/uuid.png): never a URL, so nothing outside is fetched. */
export const StorageKey = z
  .string()
  .max(200)
  .regex(/^[a-z]+\/\d{6}\/[0-9a-f-]{36}\.(?:png|jpg|webp|gif)$/);

export const PosterSettings = z.strictObject({
  template: z.enum(posterTemplateIds).default("classic"),
  inviteBackgroundKey: StorageKey.nullable().default(null),
  inviteText: z.string().trim().min(1).max(80).default("好物一起分享，扫码进店看看"),
});
