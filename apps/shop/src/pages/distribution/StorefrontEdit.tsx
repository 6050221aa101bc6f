// 我的小店 (the storefront editor): the distributor names their storefront, writes a greeting, uploads a
// cover and picks the products it features (选品, at most maxProducts); the link to share and a preview.
import {
  Button,
  Form,
  ImageUploader,
  InfiniteScroll,
  Input,
  List,
  Skeleton,
  TextArea,
  Toast,
} from "antd-mobile";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { PageBar } from "../../components/PageBar.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { api, call } from "../../lib/api.ts";
import { copyText } from "../../lib/clipboard.ts";
import { formatFen } from "../../lib/money.ts";
import { type MyStorefront, storefrontApi } from "../../lib/storefront-api.ts";
import { trackShare } from "../../lib/tracking.ts";
import type { ProductCard } from "../../lib/types.ts";
import { uploadImage } from "../../lib/upload.ts";
import { useFail } from "../../lib/use-fail.ts";

export function StorefrontEditPage() {
  const { t } = useI18n();
  const fail = useFail();
  const [store, setStore] = useState<MyStorefront | null>(null);
  const [name, setName] = useState("");
  const [greeting, setGreeting] = useState("");
  const [cover, setCover] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    storefrontApi.mine().then((s) => {
      setStore(s);
      setName(s.name);
      setGreeting(s.greeting);
      setCover(s.coverUrl);
    }, fail);
  }, [fail]);

  if (!store) return <Skeleton.Paragraph lineCount={8} animated />;
  const save = async () => {
    setSaving(true);
    try {
      setStore(await storefrontApi.save({ name, greeting, coverUrl: cover }));
      Toast.show({ icon: "success", content: t("store.saved") });
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  };
  const toggle = async (productId: number) => {
    try {
      setStore(
        store.productIds.includes(productId)
          ? await storefrontApi.unpick(productId)
          : await storefrontApi.pick(productId),
      );
    } catch (error) {
      fail(error);
    }
  };
  const copy = async () => {
    trackShare(store.code, undefined, "storefront");
    if (await copyText(store.link)) Toast.show({ icon: "success", content: t("dist.shareCopied") });
  };

  return (
    <div className="page" data-testid="store-edit">
      <PageBar title={t("store.mine")} back="/distribution" />
      <Form layout="vertical">
        <Form.Item label={t("store.name")}>
          <Input value={name} maxLength={30} onChange={setName} data-testid="store-edit-name" />
        </Form.Item>
        <Form.Item label={t("store.greeting")}>
          <TextArea
            value={greeting}
            maxLength={200}
            rows={2}
            onChange={setGreeting}
            data-testid="store-edit-greeting"
          />
        </Form.Item>
        <Form.Item label={t("store.cover")}>
          <ImageUploader
            maxCount={1}
            value={cover ? [{ url: cover }] : []}
            onChange={(files) => setCover(files[0]?.url ?? null)}
            upload={async (file) => ({ url: await uploadImage(file) })}
          />
        </Form.Item>
      </Form>
      <div className="dist-copy-row" style={{ padding: "0 12px" }}>
        <Button color="danger" shape="rounded" loading={saving} onClick={save} data-testid="store-edit-save">
          {t("common.save")}
        </Button>
        <Button shape="rounded" onClick={copy} data-testid="store-edit-copy">
          {t("dist.copyLink")}
        </Button>
        <Link to={`/store/${store.code}`} data-testid="store-edit-preview">
          {t("store.preview")}
        </Link>
      </div>
      <div className="dist-link small" data-testid="store-edit-link">
        {store.link}
      </div>
      <div className="card-head" style={{ padding: "12px" }} data-testid="store-edit-count">
        {t("store.picked", { n: store.productIds.length, max: store.maxProducts })}
      </div>
      <PickList picked={store.productIds} onToggle={toggle} />
    </div>
  );
}

/** The shop's products with a pick / unpick button each (选品). */
function PickList({ picked, onToggle }: { picked: number[]; onToggle: (id: number) => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<ProductCard[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const cursor = useRef<string | undefined>(undefined);
  const loadMore = async () => {
    const page = await call(
      api.GET("/api/v1/products", { params: { query: { cursor: cursor.current, limit: 20 } } }),
    );
    cursor.current = page.nextCursor ?? undefined;
    setItems((previous) => [...previous, ...page.items]);
    setHasMore(page.nextCursor !== null);
  };
  return (
    <>
      <List>
        {items.map((p) => {
          const on = picked.includes(p.id);
          return (
            <List.Item
              key={p.id}
              description={formatFen(p.priceFen)}
              extra={
                <Button
                  size="mini"
                  color={on ? "default" : "danger"}
                  onClick={() => onToggle(p.id)}
                  data-testid={`store-pick-${p.id}`}
                >
                  {on ? t("store.unpick") : t("store.pick")}
                </Button>
              }
            >
              {p.title}
            </List.Item>
          );
        })}
      </List>
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore} />
    </>
  );
}
