// Uploads one picture (after-sale evidence) as multipart to POST /api/v1/uploads and returns its URL.
import { api, call } from "./api.ts";

export async function uploadImage(file: File): Promise<string> {
  const form = new FormData();
  form.append("file", file);
  const uploaded = await call(
    api.POST("/api/v1/uploads", {
      body: form as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  );
  return uploaded.url;
}
