// The distributor's own figures in the distribution centre (last 30 days): the daily sales they brought
// as small bars, and their funnel — links opened → visitors → orders → paid.
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatFen } from "../../lib/money.ts";

type Stats = Awaited<ReturnType<typeof load>>;
const load = () => call(api.GET("/api/v1/distribution/stats"));

export function MyStatsCard() {
  const { t } = useI18n();
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (s) => live && setStats(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (!stats) return null;
  const f = stats.funnel;
  const steps: [string, number][] = [
    [t("stats.linkOpens"), f.linkOpens],
    [t("stats.visitors"), f.visitors],
    [t("stats.placed"), f.placedOrders],
    [t("stats.paid"), f.paidOrders],
  ];
  const widest = Math.max(1, ...steps.map(([, n]) => n));
  // one bar per day of the range, quiet days as zero, so a single busy day does not fill the chart
  const byDay = new Map(stats.trend.map((d) => [d.period, d.paidFen]));
  const start = Date.parse(`${stats.range.from}T00:00:00Z`);
  const days = Array.from({ length: Math.min(stats.range.days, 366) }, (_, i) => {
    const period = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return { period, paidFen: byDay.get(period) ?? 0 };
  });
  const peak = Math.max(1, ...days.map((d) => d.paidFen));
  const total = stats.trend.reduce((sum, d) => sum + d.paidFen, 0);
  return (
    <div className="card" data-testid="dist-my-stats">
      <div className="card-head">{t("stats.title")}</div>
      <div className="small muted">{t("stats.sales30", { amount: formatFen(total) })}</div>
      <div style={{ display: "flex", alignItems: "flex-end", gap: 2, height: 60, margin: "8px 0" }}>
        {days.map((d) => (
          <div
            key={d.period}
            title={`${d.period} ${formatFen(d.paidFen)}`}
            style={{
              flex: 1,
              background: "#e4393c",
              height: `${Math.max(2, (d.paidFen / peak) * 60)}px`,
              borderRadius: 2,
            }}
          />
        ))}
      </div>
      {steps.map(([label, n]) => (
        <div key={label} style={{ display: "flex", alignItems: "center", gap: 8, margin: "4px 0" }}>
          <span className="small" style={{ width: 64 }}>
            {label}
          </span>
          <div style={{ flex: 1, background: "#fff1f0", borderRadius: 4 }}>
            <div
              style={{
                width: `${(n / widest) * 100}%`,
                minWidth: 2,
                background: "#ff7875",
                height: 14,
                borderRadius: 4,
              }}
            />
          </div>
          <span className="small" style={{ width: 36, textAlign: "right" }}>
            {n}
          </span>
        </div>
      ))}
    </div>
  );
}
