// The cart: lines with quantity and selection (changes go to the server, which answers with the whole cart),
// lines that went off sale or out of stock greyed out, and the selected total as the server counts it.
import { Button, Checkbox, Dialog, ErrorBlock, Image, Stepper, SwipeAction } from "antd-mobile";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { CartGiftNote } from "../components/OfferStrips.tsx";
import { Price } from "../components/Price.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, call } from "../lib/api.ts";
import { useAuth } from "../lib/auth.tsx";
import { checkoutLink } from "../lib/checkout-link.ts";
import { formatFen } from "../lib/money.ts";
import type { Cart, CartLine } from "../lib/types.ts";
import { useFail } from "../lib/use-fail.ts";

export function CartPage() {
  const { t } = useI18n();
  const { signedIn } = useAuth();
  if (!signedIn) {
    return (
      <div className="page">
        <div className="page-title">{t("cart.title")}</div>
        <ErrorBlock status="empty" title={t("cart.loginHint")} description="">
          <Link to="/login?redirect=%2Fcart">
            <Button color="primary">{t("me.login")}</Button>
          </Link>
        </ErrorBlock>
      </div>
    );
  }
  return <SignedInCart />;
}

function SignedInCart() {
  const { t } = useI18n();
  const fail = useFail();
  const navigate = useNavigate();
  const [cart, setCart] = useState<Cart | null>(null);

  const apply = useCallback(
    async (request: Promise<Cart>) => {
      try {
        setCart(await request);
      } catch (error) {
        fail(error);
        setCart(await call(api.GET("/api/v1/cart")).catch(() => null));
      }
    },
    [fail],
  );

  useEffect(() => {
    apply(call(api.GET("/api/v1/cart")));
  }, [apply]);

  if (!cart) return <div className="page-title">{t("cart.title")}</div>;

  const valid = cart.lines.filter((l) => l.problem === null);
  const selected = valid.filter((l) => l.selected);
  const allSelected = valid.length > 0 && selected.length === valid.length;
  const patch = (line: CartLine, body: { quantity?: number; selected?: boolean }) =>
    apply(call(api.PATCH("/api/v1/cart/items/{id}", { params: { path: { id: line.id } }, body })));
  const remove = (ids: number[]) => apply(call(api.POST("/api/v1/cart/remove", { body: { ids } })));
  const removeSelected = async () => {
    const ids = cart.lines.filter((l) => l.selected || l.problem !== null).map((l) => l.id);
    if (ids.length && (await Dialog.confirm({ content: t("cart.removeConfirm") }))) await remove(ids);
  };
  const checkout = () =>
    navigate(
      checkoutLink(
        selected.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
        true,
      ),
    );

  return (
    <div className="page cart-page">
      <div className="page-title cart-title">
        {t("cart.title")}
        {cart.lines.length > 0 && (
          <button
            type="button"
            className="cart-remove"
            onClick={removeSelected}
            data-testid="cart-remove-selected"
          >
            {t("cart.remove")}
          </button>
        )}
      </div>
      {cart.lines.length === 0 ? (
        <ErrorBlock status="empty" title={t("cart.empty")} description="">
          <Link to="/">
            <Button color="primary">{t("cart.goShopping")}</Button>
          </Link>
        </ErrorBlock>
      ) : (
        <div className="card cart-lines">
          {cart.lines.map((line) => (
            <SwipeAction
              key={line.id}
              rightActions={[
                {
                  key: "delete",
                  text: t("common.delete"),
                  color: "danger",
                  onClick: () => remove([line.id]),
                },
              ]}
            >
              <CartRow line={line} onPatch={(body) => patch(line, body)} />
            </SwipeAction>
          ))}
        </div>
      )}
      <div className="action-bar cart-bar">
        <Checkbox
          checked={allSelected}
          disabled={valid.length === 0}
          onChange={(checked) =>
            apply(call(api.POST("/api/v1/cart/select-all", { body: { selected: checked } })))
          }
          data-testid="cart-select-all"
        >
          {t("cart.selectAll")}
        </Checkbox>
        <div className="action-bar-total">
          {t("common.total")}:{" "}
          <span className="price price-m" data-testid="cart-total">
            <span className="price-now">{formatFen(cart.selectedGoodsFen)}</span>
          </span>
        </div>
        <Button
          color="danger"
          shape="rounded"
          disabled={selected.length === 0}
          onClick={checkout}
          data-testid="cart-checkout"
        >
          {t("cart.checkout", { n: cart.selectedCount })}
        </Button>
      </div>
    </div>
  );
}

function CartRow({
  line,
  onPatch,
}: {
  line: CartLine;
  onPatch: (body: { quantity?: number; selected?: boolean }) => void;
}) {
  const { t } = useI18n();
  const invalid = line.problem === "off_sale" || line.problem === "out_of_stock";
  return (
    <div
      className={`cart-line${invalid ? " cart-line-invalid" : ""}`}
      data-testid="cart-line"
      data-sku-id={line.skuId}
    >
      <Checkbox
        checked={line.selected && !invalid}
        disabled={invalid}
        onChange={(selected) => onPatch({ selected })}
        data-testid="cart-line-select"
      />
      <Link to={`/products/${line.productId}`}>
        <Image src={line.imageUrl ?? ""} width={80} height={80} fit="cover" className="line-image" />
      </Link>
      <div className="cart-line-body">
        <div className="line-title">{line.title}</div>
        {line.specValues.length > 0 && <div className="line-spec">{line.specValues.join(" / ")}</div>}
        <CartGiftNote productId={line.productId} />
        {line.problem && (
          <div className="cart-line-problem" data-testid="cart-line-problem">
            {t(`cart.problem.${line.problem}`, { n: line.stock })}
          </div>
        )}
        <div className="cart-line-foot">
          <Price fen={line.priceFen} />
          {!invalid && (
            <Stepper
              min={1}
              max={Math.max(1, Math.min(line.stock, 999))}
              value={line.quantity}
              onChange={(quantity) => quantity !== line.quantity && onPatch({ quantity })}
              data-testid="cart-line-quantity"
            />
          )}
        </div>
      </div>
    </div>
  );
}
