// The square code printed on a poster: a standard QR code of the share link by default, or a WeChat
// mini-program code (wxacode) for merchants with a mini-program. Both answer PNG bytes.
import QRCode from "qrcode";
import type { WechatApi } from "../wechat-api/client.ts";

export type PosterCodeInput = {
  /** The share link a QR code carries. */
  link: string;
  /** The mini-program's page and scene (the distributor's code and target, ≤ 32 characters). */
  page: string;
  scene: string;
  sizePx: number;
};

export interface PosterCodeSource {
  readonly kind: "qr" | "wxacode";
  render(input: PosterCodeInput): Promise<Buffer>;
}

export const standardQrCode: PosterCodeSource = {
  kind: "qr",
  render: ({ link, sizePx }) =>
    QRCode.toBuffer(link, { type: "png", width: sizePx, margin: 1, errorCorrectionLevel: "M" }),
};

export function wxaCode(api: WechatApi): PosterCodeSource {
  return {
    kind: "wxacode",
    render: ({ page, scene, sizePx }) => api.wxacode({ scene: scene.slice(0, 32), page, width: sizePx }),
  };
}
