// Money on screen: the API speaks integer fen; shoppers read yuan. No float arithmetic touches an amount.

/** 1234 → "¥12.34", -50 → "-¥0.50". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  return `${sign}¥${yuan.toLocaleString("en-US")}.${cents}`;
}

/** "12.34" → 1234, "12" → 1200, "0.5" → 50; anything else (3 decimals, letters, negative) → null. */
export function parseYuanInput(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + cents;
}

/** 1000 bps → "10%", 1250 → "12.5%". */
export function formatBps(bps: number): string {
  const whole = Math.floor(bps / 100);
  const rest = bps % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}%`;
}

/** 1234 → "12.34": the value an input box shows for an amount. */
export function fenToYuanInput(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
