// One 团购挑战's results: participants, the tier reached (final once settled) on the ladder of tiers, the next
// target while it runs, each SKU's list and current price, and after the end each order's price-difference
// refund with its after-sale's state.
import { Card, Descriptions, Result, Skeleton, Steps, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useI18n } from "../../i18n/index.tsx";
import { formatFen } from "../../lib/money.ts";
import { formatTime } from "../../lib/time.ts";
import { useNotify } from "../../lib/use-notify.ts";
import { challengeTiersText } from "./GroupChallengesPage.tsx";
import { type ChallengeResults, marketingApi, stateColor } from "./marketing-api.ts";

type Refund = ChallengeResults["refunds"][number];
type Sku = ChallengeResults["skus"][number];
const refundColor: Record<string, string> = { refunded: "green", refunding: "blue", refund_failed: "red" };

export function GroupChallengeResultsPage() {
  const { t, label } = useI18n();
  const { failed } = useNotify();
  const id = Number(useParams().id);
  const [results, setResults] = useState<ChallengeResults | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    marketingApi.challengeResults(id).then(setResults, (error) => {
      setMissing(true);
      failed(error);
    });
  }, [id, failed]);

  if (missing) return <Result status="404" title="404" />;
  if (!results) return <Skeleton active />;
  const reached = results.tiers.filter((tier) => results.participants >= tier.participants).length;
  const tierText = results.payBps >= 10_000 ? t("challenge.fullPrice") : `${results.payBps / 1000}折`;

  return (
    <Card title={`${t("nav.groupChallenges")} · ${results.name}`} data-testid="challenge-results">
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t("promo.state")}>
          <Tag color={stateColor[results.state]} data-testid="challenge-state">
            {t(`promo.state.${results.state}`)}
          </Tag>
          {results.state === "ended" && (
            <Tag>{results.settled ? t("challenge.settled") : t("challenge.settling")}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("promo.window")}>
          {`${formatTime(results.startsAt)} ~ ${formatTime(results.endsAt)}`}
        </Descriptions.Item>
        <Descriptions.Item label={t("challenge.participants")}>
          <span data-testid="challenge-participants">{results.participants}</span>
        </Descriptions.Item>
        <Descriptions.Item label={results.settled ? t("challenge.finalTier") : t("challenge.currentTier")}>
          <span data-testid="challenge-tier">{tierText}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("challenge.next")}>
          {results.next && results.state !== "ended"
            ? t("challenge.nextText", {
                n: results.next.missing,
                tier: `${results.next.payBps / 1000}折`,
              })
            : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("challenge.refunded")}>
          <span data-testid="challenge-refunded">{formatFen(results.refundedFen)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Steps
        style={{ margin: "24px 0" }}
        current={reached - 1}
        items={results.tiers.map((tier) => ({
          title: `${tier.participants}人`,
          description: challengeTiersText([tier]).replace(/^\d+人 /, ""),
        }))}
      />
      <Table<Sku>
        rowKey="skuId"
        size="small"
        pagination={false}
        dataSource={results.skus}
        columns={[
          { title: t("promo.product"), dataIndex: "productTitle" },
          { title: t("promo.sku"), key: "spec", render: (_, s) => s.specValues.join(" / ") || "—" },
          { title: t("promo.listPrice"), dataIndex: "listPriceFen", render: formatFen },
          { title: t("challenge.priceNow"), dataIndex: "priceFen", render: formatFen },
        ]}
      />
      <h3 style={{ marginTop: 24 }}>{t("challenge.refunds")}</h3>
      <Table<Refund>
        rowKey="afterSaleId"
        size="small"
        pagination={false}
        dataSource={results.refunds}
        locale={{ emptyText: results.settled ? t("challenge.noRefunds") : t("challenge.refundsAtEnd") }}
        onRow={() => ({ "data-testid": "challenge-refund-row" }) as never}
        columns={[
          {
            title: t("challenge.order"),
            key: "order",
            render: (_, r) => <Link to={`/orders/${r.orderId}`}>{r.orderNo}</Link>,
          },
          { title: t("challenge.afterSale"), dataIndex: "afterSaleId", render: (n: number) => `#${n}` },
          { title: t("challenge.refundAmount"), dataIndex: "refundFen", render: formatFen },
          {
            title: t("promo.state"),
            dataIndex: "status",
            render: (s: string) => (
              <Tag color={refundColor[s] ?? "default"}>{label(`afterSaleStatus.${s}`, s)}</Tag>
            ),
          },
          { title: t("challenge.openedAt"), dataIndex: "createdAt", render: formatTime },
        ]}
      />
    </Card>
  );
}
