// Which carrier a merchant's "快递公司" names, by the carrier's code at the query service (快递100), and a
// tracking number as carriers print it: no spaces, capital letters.

export type Carrier = { code: string; name: string; aliases: string[] };

/** The carriers the ship form offers, each with the names merchants type for it. */
export const carriers: Carrier[] = [
  { code: "shunfeng", name: "顺丰速运", aliases: ["顺丰", "顺丰快递", "sf", "sf express"] },
  { code: "zhongtong", name: "中通快递", aliases: ["中通", "zto"] },
  { code: "yuantong", name: "圆通速递", aliases: ["圆通", "圆通快递", "yto"] },
  { code: "yunda", name: "韵达快递", aliases: ["韵达", "韵达速递", "yd"] },
  { code: "shentong", name: "申通快递", aliases: ["申通", "sto"] },
  { code: "jd", name: "京东物流", aliases: ["京东", "京东快递", "jdl"] },
  { code: "ems", name: "EMS", aliases: ["中国邮政ems", "邮政ems"] },
  { code: "youzhengguonei", name: "邮政快递包裹", aliases: ["邮政", "中国邮政", "邮政包裹"] },
  { code: "jtexpress", name: "极兔速递", aliases: ["极兔", "极兔快递", "j&t", "jt"] },
  { code: "debangkuaidi", name: "德邦快递", aliases: ["德邦", "德邦物流"] },
];

const key = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

const byName = new Map<string, Carrier>(
  carriers.flatMap((c) => [c.code, c.name, ...c.aliases].map((n) => [key(n), c] as const)),
);

/** The carrier a typed name means (顺丰 → shunfeng), or null for one the query service is not asked about. */
export function resolveCarrier(name: string): Carrier | null {
  return byName.get(key(name)) ?? null;
}

/**
 * A tracking number as the carrier prints it: spaces (full-width too) dropped, letters capitalised.
 * Example: " sf 1234 5678 " → "SF12345678".
 */
export function normalizeTrackingNo(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}
