// The poster font: Noto Sans (Simplified Chinese) shipped in an npm package (SIL Open Font License, which
// allows bundling), registered once per process, so a server without any system font still draws 中文.

import { createRequire } from "node:module";
import path from "node:path";
import { GlobalFonts } from "@napi-rs/canvas";

export const POSTER_FONT = "Liebian Sans";

let registered = false;

export function registerPosterFonts(): void {
  if (registered) return;
  // the package exports only its JS entry; the font files sit beside it in fonts/
  const entry = createRequire(import.meta.url).resolve("@embedpdf/fonts-sc");
  const fonts = path.resolve(path.dirname(entry), "../fonts");
  GlobalFonts.registerFromPath(path.join(fonts, "NotoSansHans-Regular.otf"), POSTER_FONT);
  GlobalFonts.registerFromPath(path.join(fonts, "NotoSansHans-Bold.otf"), POSTER_FONT);
  registered = true;
}
