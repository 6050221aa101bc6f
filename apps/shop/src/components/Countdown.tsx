// Time left until an activity ends, ticking once a second: "距结束 1天 02:03:04".
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { countdownParts } from "../lib/marketing.ts";

const two = (n: number) => String(n).padStart(2, "0");

export function Countdown({ endsAt, tickMs = 1000 }: { endsAt: string; tickMs?: number }) {
  const { t } = useI18n();
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  const p = countdownParts(new Date(endsAt).getTime(), nowMs);
  if (p.over) return <span className="countdown">{t("promo.ended")}</span>;
  const clock = `${two(p.hours)}:${two(p.minutes)}:${two(p.seconds)}`;
  return (
    <span className="countdown" data-testid="promo-countdown">
      {t("promo.endsIn")} {p.days > 0 ? t("promo.days", { n: p.days }) : ""}
      <span className="countdown-clock">{clock}</span>
    </span>
  );
}
