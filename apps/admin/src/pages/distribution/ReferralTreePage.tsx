// 推荐关系树: search anyone, see their upline path, and open their downline a level at a time; every node
// shows its direct members, its team (levels 1–3) and sales.
import { Breadcrumb, Button, Card, Empty, Input, Tree } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { formatFen } from "../../lib/money.ts";

type Node = {
  userId: number;
  nickname: string;
  inviteCode: string | null;
  directMembers: number;
  teamMembers: number;
  teamSalesFen: number;
  ownSalesFen: number;
};
type TreeItem = { key: string; title: string; isLeaf: boolean; children?: TreeItem[] };

function item(n: Node, t: ReturnType<typeof useI18n>["t"]): TreeItem {
  return {
    key: String(n.userId),
    title: `${n.nickname}${n.inviteCode ? ` (${n.inviteCode})` : ""} · ${t("tree.direct")} ${n.directMembers} · ${t("tree.team")} ${n.teamMembers} · ${t("tree.sales")} ${formatFen(n.teamSalesFen + n.ownSalesFen)}`,
    isLeaf: n.directMembers === 0,
  };
}

const branch = (id: number) =>
  call(api.GET("/api/admin/v1/distribution/tree/{id}", { params: { path: { id } } }));

function attach(items: TreeItem[], key: string, children: TreeItem[]): TreeItem[] {
  return items.map((i) =>
    i.key === key
      ? { ...i, children }
      : i.children
        ? { ...i, children: attach(i.children, key, children) }
        : i,
  );
}

export function ReferralTreePage() {
  const { t } = useI18n();
  const [found, setFound] = useState<Node[]>([]);
  const [upline, setUpline] = useState<Node[]>([]);
  const [tree, setTree] = useState<TreeItem[]>([]);

  const open = async (id: number) => {
    const b = await branch(id);
    setUpline(b.upline);
    setTree([{ ...item(b.node, t), children: b.children.map((c) => item(c, t)) }]);
  };
  const search = async (q: string) => {
    if (!q.trim()) return;
    const nodes = await call(api.GET("/api/admin/v1/distribution/tree", { params: { query: { q } } }));
    setFound(nodes);
    if (nodes[0]) await open(nodes[0].userId);
  };
  const loadData = async ({ key }: { key: string }) => {
    const b = await branch(Number(key));
    setTree((old) =>
      attach(
        old,
        key,
        b.children.map((c) => item(c, t)),
      ),
    );
  };

  return (
    <Card title={t("tree.title")} data-testid="referral-tree">
      <Input.Search
        placeholder={t("tree.search")}
        onSearch={search}
        style={{ maxWidth: 360, marginBottom: 12 }}
        enterButton
      />
      {found.length > 1 && (
        <div style={{ marginBottom: 8 }}>
          {found.map((n) => (
            <Button key={n.userId} type="link" onClick={() => open(n.userId)}>
              {n.nickname}
            </Button>
          ))}
        </div>
      )}
      {upline.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={upline.map((n) => ({
            title: (
              <Button type="link" size="small" onClick={() => open(n.userId)}>
                {n.nickname}
              </Button>
            ),
          }))}
        />
      )}
      {tree.length > 0 ? (
        <Tree treeData={tree} loadData={loadData} defaultExpandedKeys={[tree[0]!.key]} />
      ) : (
        <Empty />
      )}
    </Card>
  );
}
