// A price in yuan from integer fen, optionally with the struck-through original price.
import { formatFen } from "../lib/money.ts";

export function Price({
  fen,
  original,
  size = "m",
}: {
  fen: number;
  original?: number | null;
  size?: "s" | "m" | "l";
}) {
  return (
    <span className={`price price-${size}`}>
      <span className="price-now">{formatFen(fen)}</span>
      {original != null && original > fen && <span className="price-original">{formatFen(original)}</span>}
    </span>
  );
}
