// Drawing helpers the posters share: wrapped text, a cover-fitted picture, a round avatar, the code card.
import { type Image, loadImage, type SKRSContext2D } from "@napi-rs/canvas";
import { POSTER_FONT } from "./fonts.ts";

export function font(sizePx: number, bold = false): string {
  return `${bold ? "bold " : ""}${sizePx}px "${POSTER_FONT}"`;
}

/** Decodes image bytes; null for bytes that are not a picture (the poster then leaves the place plain). */
export async function decodeImage(bytes: Buffer | null): Promise<Image | null> {
  if (!bytes) return null;
  try {
    return await loadImage(bytes);
  } catch {
    return null;
  }
}

/** Draws `text` wrapped to `width`, at most `maxLines` lines (the last one ends in … when cut). */
export function wrapText(
  ctx: SKRSContext2D,
  text: string,
  x: number,
  y: number,
  width: number,
  lineHeight: number,
  maxLines: number,
): number {
  const lines: string[] = [];
  let line = "";
  for (const char of [...text]) {
    if (char === "\n" || ctx.measureText(line + char).width > width) {
      lines.push(line);
      line = char === "\n" ? "" : char;
    } else line += char;
  }
  if (line) lines.push(line);
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines && shown.length > 0) shown[shown.length - 1] = `${shown.at(-1)!.slice(0, -1)}…`;
  shown.forEach((l, i) => {
    ctx.fillText(l, x, y + i * lineHeight);
  });
  return shown.length;
}

/** The picture scaled to cover the box and cropped to it. */
export function drawCover(ctx: SKRSContext2D, image: Image, x: number, y: number, w: number, h: number) {
  const scale = Math.max(w / image.width, h / image.height);
  const sw = w / scale;
  const sh = h / scale;
  ctx.drawImage(image, (image.width - sw) / 2, (image.height - sh) / 2, sw, sh, x, y, w, h);
}

export function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
  ctx.fill();
}

/** A round avatar, or the nickname's first character in a circle when there is no picture. */
export function drawAvatar(
  ctx: SKRSContext2D,
  image: Image | null,
  nickname: string,
  cx: number,
  cy: number,
  r: number,
  colours: { fill: string; text: string },
) {
  ctx.save();
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.closePath();
  ctx.clip();
  if (image) drawCover(ctx, image, cx - r, cy - r, r * 2, r * 2);
  else {
    ctx.fillStyle = colours.fill;
    ctx.fillRect(cx - r, cy - r, r * 2, r * 2);
    ctx.fillStyle = colours.text;
    ctx.font = font(Math.round(r), true);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText([...nickname][0] ?? "?", cx, cy + 1);
  }
  ctx.restore();
}

/** The code on a white card with a quiet margin, drawn at its own pixel size so no phone misreads it. */
export async function drawCodeCard(ctx: SKRSContext2D, code: Buffer, x: number, y: number, size: number) {
  ctx.fillStyle = "#ffffff";
  roundRect(ctx, x - 12, y - 12, size + 24, size + 24, 16);
  const image = await loadImage(code);
  ctx.drawImage(image, x, y, size, size);
}
