// Downloads a CSV through the staff session (a plain link would carry no token).
import { readToken } from "../../lib/session.ts";

export async function download(path: string, name: string) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${readToken() ?? ""}` } });
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
