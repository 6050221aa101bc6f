// The chart options the dashboard and report pages share: yuan on the axes, Chinese labels.
import type { MessageKey } from "../../i18n/index.tsx";

type T = (key: MessageKey) => string;
const yuan = (fen: number) => Math.round(fen) / 100;

export function trendOption(
  t: T,
  rows: { day: string; paidFen: number; commissionFen?: number; dividendFen?: number }[],
) {
  const dividends = rows.some((r) => (r.dividendFen ?? 0) > 0);
  return {
    tooltip: { trigger: "axis" },
    legend: {
      top: 0,
      data: [t("reports.sales"), t("reports.commission"), ...(dividends ? [t("reports.dividend")] : [])],
    },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: rows.map((r) => r.day.slice(5)) },
    yAxis: { type: "value", name: "¥" },
    series: [
      { name: t("reports.sales"), type: "line", smooth: true, data: rows.map((r) => yuan(r.paidFen)) },
      {
        name: t("reports.commission"),
        type: "line",
        smooth: true,
        data: rows.map((r) => yuan(r.commissionFen ?? 0)),
      },
      ...(dividends
        ? [
            {
              name: t("reports.dividend"),
              type: "line",
              smooth: true,
              data: rows.map((r) => yuan(r.dividendFen ?? 0)),
            },
          ]
        : []),
    ],
  };
}

export function funnelOption(
  t: T,
  f: { linkOpens: number; visitors: number; addedToCart: number; placedOrders: number; paidOrders: number },
) {
  const steps: [MessageKey, number][] = [
    ["reports.linkOpens", f.linkOpens],
    ["reports.visitors", f.visitors],
    ["reports.addedToCart", f.addedToCart],
    ["reports.placed", f.placedOrders],
    ["reports.paid", f.paidOrders],
  ];
  return {
    tooltip: { trigger: "item" },
    series: [
      {
        type: "funnel",
        sort: "none",
        // a stage with few or no people keeps a band wide enough for its label (at 0% it was a point)
        minSize: "24%",
        left: "5%",
        width: "90%",
        label: { position: "inside", formatter: "{b} {c}", color: "#fff" },
        data: steps.map(([k, v]) => ({ name: t(k), value: v })),
      },
    ],
  };
}

export function barOption(names: string[], values: number[], unit = "¥") {
  return {
    tooltip: { trigger: "axis" },
    grid: { left: 90, right: 20, top: 20, bottom: 30 },
    xAxis: { type: "value", name: unit },
    yAxis: { type: "category", data: names, inverse: true },
    series: [{ type: "bar", data: values, itemStyle: { color: "#e4393c" } }],
  };
}

export { yuan };
