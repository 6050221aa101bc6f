// For an active distributor, the product page's share button: copies the product link carrying their code,
// so a visit through it is recorded as coming from this product.
import { Toast } from "antd-mobile";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { useAuth } from "../lib/auth.tsx";
import { copyText } from "../lib/clipboard.ts";
import { distributionApi } from "../lib/distribution-api.ts";
import { ShareIcon } from "./icons.tsx";

export function ShareButton({ productId }: { productId: number }) {
  const { t } = useI18n();
  const { signedIn } = useAuth();
  const [code, setCode] = useState<string | null>(null);

  useEffect(() => {
    if (!signedIn) return;
    distributionApi
      .me()
      .then((me) => setCode(me.enabled && me.distributor?.status === "active" ? me.inviteCode : null))
      .catch(() => setCode(null));
  }, [signedIn]);

  if (!code) return null;
  const share = async () => {
    const link = `${window.location.origin}/products/${productId}?ref=${encodeURIComponent(code)}`;
    if (await copyText(link)) Toast.show({ icon: "success", content: t("dist.shareCopied") });
  };
  return (
    <button type="button" className="plain-button share-button" onClick={share} data-testid="product-share">
      <ShareIcon /> {t("dist.share")}
    </button>
  );
}
