// The invite poster (邀请海报), 750 × 1334: the merchant's background (or the template's colours), the
// shop's name, the invite text, the distributor's nickname and the code of their shop link.
import { createCanvas } from "@napi-rs/canvas";
import { decodeImage, drawAvatar, drawCodeCard, drawCover, font, roundRect, wrapText } from "./draw.ts";
import { registerPosterFonts } from "./fonts.ts";
import { POSTER_HEIGHT, POSTER_WIDTH } from "./product-poster.ts";
import { type PosterTemplateId, posterTemplates } from "./templates.ts";

export const INVITE_CODE_PX = 280;

export type InvitePosterInput = {
  template: PosterTemplateId;
  shopName: string;
  nickname: string;
  avatar: Buffer | null;
  inviteText: string;
  background: Buffer | null;
  code: Buffer;
};

export async function drawInvitePoster(input: InvitePosterInput): Promise<Buffer> {
  registerPosterFonts();
  const t = posterTemplates[input.template];
  const canvas = createCanvas(POSTER_WIDTH, POSTER_HEIGHT);
  const ctx = canvas.getContext("2d");
  const background = await decodeImage(input.background);
  if (background) drawCover(ctx, background, 0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  else {
    const gradient = ctx.createLinearGradient(0, 0, 0, POSTER_HEIGHT);
    gradient.addColorStop(0, t.background);
    gradient.addColorStop(1, t.band);
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  }

  ctx.textAlign = "center";
  ctx.fillStyle = t.text;
  ctx.font = font(52, true);
  wrapText(ctx, input.shopName, POSTER_WIDTH / 2, 190, 640, 60, 1);
  ctx.font = font(34);
  wrapText(ctx, input.inviteText, POSTER_WIDTH / 2, 300, 600, 50, 4);

  // the card under the code keeps it readable on any background
  ctx.fillStyle = "rgba(255,255,255,0.92)";
  roundRect(ctx, 115, 700, 520, 540, 24);
  drawAvatar(ctx, await decodeImage(input.avatar), input.nickname, POSTER_WIDTH / 2, 700, 44, {
    fill: t.accent,
    text: "#ffffff",
  });
  ctx.fillStyle = "#1f1f1f";
  ctx.font = font(28, true);
  ctx.textAlign = "center";
  wrapText(ctx, `${input.nickname} 邀请你加入`, POSTER_WIDTH / 2, 790, 480, 36, 1);
  await drawCodeCard(ctx, input.code, (POSTER_WIDTH - INVITE_CODE_PX) / 2, 830, INVITE_CODE_PX);
  ctx.fillStyle = "#595959";
  ctx.font = font(24);
  ctx.textAlign = "center";
  ctx.fillText("长按识别二维码，进店逛逛", POSTER_WIDTH / 2, 1190);
  return canvas.encode("png");
}
