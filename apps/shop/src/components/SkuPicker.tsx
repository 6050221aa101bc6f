// The SKU picker sheet: one row of options per spec axis (sold-out combinations disabled), quantity within
// stock and the purchase limit, then "add to cart" or "buy now".
import { Button, Image, Popup, Stepper } from "antd-mobile";
import { useI18n } from "../i18n/index.tsx";
import { type Choice, isValueOpen, priceRange, skuOf } from "../lib/sku.ts";
import type { Product, Sku } from "../lib/types.ts";
import { Price } from "./Price.tsx";

export type PickerAction = "cart" | "buy";

type Props = {
  product: Product;
  visible: boolean;
  action: PickerAction | null;
  choice: Choice;
  quantity: number;
  busy: boolean;
  onChoice: (choice: Choice) => void;
  onQuantity: (quantity: number) => void;
  onClose: () => void;
  onConfirm: (sku: Sku, action: PickerAction) => void;
};

export function SkuPicker(props: Props) {
  const { product, choice, quantity } = props;
  const { t } = useI18n();
  const sku = skuOf(product, choice);
  const range = priceRange(product);
  const max = Math.max(1, Math.min(sku?.stock ?? 1, product.purchaseLimit ?? 999, 999));
  const image = sku?.imageUrl ?? product.images[0] ?? "";

  const toggle = (axis: number, value: string) => {
    const next = [...choice];
    next[axis] = next[axis] === value ? null : value;
    props.onChoice(next);
  };

  const confirm = (action: PickerAction) => {
    if (sku && sku.stock > 0) props.onConfirm(sku, action);
  };
  const actions: PickerAction[] = props.action ? [props.action] : ["cart", "buy"];

  return (
    <Popup
      visible={props.visible}
      onMaskClick={props.onClose}
      bodyClassName="sku-popup"
      data-testid="sku-picker"
    >
      <div className="sku-head">
        <Image src={image} width={88} height={88} fit="cover" className="sku-head-image" />
        <div>
          {sku ? (
            <Price fen={sku.priceFen} original={sku.originalPriceFen} size="l" />
          ) : (
            <Price fen={range.min} size="l" />
          )}
          <div className="muted small" data-testid="sku-stock">
            {sku ? t("product.stock", { n: sku.stock }) : t("product.chooseSpec")}
          </div>
          {sku && sku.specValues.length > 0 && (
            <div className="small">
              {t("product.chosen")}: {sku.specValues.join(" / ")}
            </div>
          )}
        </div>
      </div>
      <div className="sku-axes">
        {product.specAxes.map((axis, axisIndex) => (
          <div key={axis.name} className="sku-axis">
            <div className="sku-axis-name">{axis.name}</div>
            <div className="sku-options">
              {axis.values.map((value) => {
                const open = isValueOpen(product, choice, axisIndex, value);
                const active = choice[axisIndex] === value;
                return (
                  <button
                    type="button"
                    key={value}
                    disabled={!open}
                    className={`sku-option${active ? " active" : ""}`}
                    onClick={() => toggle(axisIndex, value)}
                    data-testid="sku-option"
                    data-axis={axis.name}
                    data-value={value}
                  >
                    {value}
                  </button>
                );
              })}
            </div>
          </div>
        ))}
        <div className="sku-quantity">
          <span>{t("product.quantity")}</span>
          {product.purchaseLimit && (
            <span className="muted small">{t("product.limit", { n: product.purchaseLimit })}</span>
          )}
          <Stepper
            min={1}
            max={max}
            value={Math.min(quantity, max)}
            onChange={props.onQuantity}
            data-testid="sku-quantity"
          />
        </div>
      </div>
      <div className="sku-actions">
        {actions.map((action) => (
          <Button
            key={action}
            block
            shape="rounded"
            color={action === "buy" ? "danger" : "warning"}
            disabled={!sku || sku.stock === 0}
            loading={props.busy}
            onClick={() => confirm(action)}
            data-testid={action === "buy" ? "sku-confirm-buy" : "sku-confirm-cart"}
          >
            {!sku
              ? t("product.chooseSpec")
              : sku.stock === 0
                ? t("product.soldOut")
                : t(action === "buy" ? "product.buyNow" : "product.addToCart")}
          </Button>
        ))}
      </div>
    </Popup>
  );
}
