// The product poster (商品海报), 750 × 1334: the distributor's avatar and nickname, the product's picture,
// title, price and activity badge, and the code of their link with "长按识别".

import { fen, formatYuan } from "@liebian/domain";
import { createCanvas } from "@napi-rs/canvas";
import { decodeImage, drawAvatar, drawCodeCard, drawCover, font, roundRect, wrapText } from "./draw.ts";
import { registerPosterFonts } from "./fonts.ts";
import { type PosterTemplateId, posterTemplates } from "./templates.ts";

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1334;
export const PRODUCT_CODE_PX = 220;

export type ProductPosterInput = {
  template: PosterTemplateId;
  shopName: string;
  nickname: string;
  avatar: Buffer | null;
  title: string;
  priceFen: number;
  /** e.g. "拼团" or "限时折扣"; null without an activity. */
  badge: string | null;
  image: Buffer | null;
  /** PNG of the code, PRODUCT_CODE_PX square. */
  code: Buffer;
};

export async function drawProductPoster(input: ProductPosterInput): Promise<Buffer> {
  registerPosterFonts();
  const t = posterTemplates[input.template];
  const canvas = createCanvas(POSTER_WIDTH, POSTER_HEIGHT);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = t.background;
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);

  ctx.fillStyle = t.band;
  ctx.fillRect(0, 0, POSTER_WIDTH, 140);
  drawAvatar(ctx, await decodeImage(input.avatar), input.nickname, 90, 70, 40, {
    fill: t.accent,
    text: t.band,
  });
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = t.text;
  ctx.font = font(30, true);
  wrapText(ctx, input.nickname, 150, 62, 560, 36, 1);
  ctx.fillStyle = t.muted;
  ctx.font = font(24);
  wrapText(ctx, `为你推荐 · ${input.shopName}`, 150, 102, 560, 30, 1);

  const picture = await decodeImage(input.image);
  if (picture) drawCover(ctx, picture, 40, 170, 670, 670);
  else {
    ctx.fillStyle = t.band;
    roundRect(ctx, 40, 170, 670, 670, 12);
  }

  ctx.fillStyle = t.text;
  ctx.font = font(34, true);
  wrapText(ctx, input.title, 40, 905, 670, 46, 2);

  ctx.fillStyle = t.accent;
  ctx.font = font(28, true);
  ctx.fillText("¥", 40, 1040);
  ctx.font = font(60, true);
  const price = formatYuan(fen(input.priceFen));
  ctx.fillText(price, 66, 1040);
  if (input.badge) {
    const x = 80 + ctx.measureText(price).width;
    ctx.font = font(24, true);
    const w = ctx.measureText(input.badge).width + 28;
    roundRect(ctx, x, 1004, w, 40, 20);
    ctx.fillStyle = t.background;
    ctx.fillText(input.badge, x + 14, 1033);
  }

  const codeX = POSTER_WIDTH - 40 - PRODUCT_CODE_PX - 12;
  const codeY = POSTER_HEIGHT - 40 - PRODUCT_CODE_PX - 12;
  await drawCodeCard(ctx, input.code, codeX, codeY, PRODUCT_CODE_PX);
  ctx.fillStyle = t.text;
  ctx.font = font(30, true);
  ctx.fillText("长按识别二维码", 40, codeY + 90);
  ctx.fillStyle = t.muted;
  ctx.font = font(24);
  ctx.fillText("好物分享给你，立即查看", 40, codeY + 136);
  return canvas.encode("png");
}
