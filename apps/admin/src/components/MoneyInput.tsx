// Exact number inputs: an amount typed in yuan and held in fen, a rate typed in percent and held in bps.
// The text stays as typed until it parses; no float arithmetic converts it. What is wrong with the text is said
// under the field in words, and the form receives NaN for it, so a save can refuse instead of storing "no value".
import { Input } from "antd";
import { type CSSProperties, useEffect, useState } from "react";
import { useI18n } from "../i18n/index.tsx";
import { fenToYuanInput } from "../lib/money.ts";
import { type AmountRule, amountProblemText, checkAmountInput } from "../lib/yuan-input.ts";

type Props = {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  disabled?: boolean;
  "data-testid"?: string;
  style?: CSSProperties;
  /** Limits beyond the format (a minimum, a ceiling); the message names them. */
  rule?: AmountRule;
};

function ExactInput(props: Props & { unit: "yuan" | "percent"; format: (n: number) => string }) {
  const { t } = useI18n();
  const { value, onChange, format, unit } = props;
  const rule = props.rule ?? {};
  const parse = (text: string) => {
    const check = checkAmountInput(text, rule);
    return check.kind === "ok" ? check.fen : Number.NaN;
  };
  const [text, setText] = useState(value == null ? "" : format(value));
  useEffect(() => {
    if (value == null) {
      if (parse(text) !== null) setText("");
    } else if (!Number.isNaN(value) && parse(text) !== value) {
      setText(format(value));
    }
    // parse depends on the rule only; the text is compared, never re-derived from a float
    // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  }, [value, text, format, parse]);
  const check = checkAmountInput(text, rule);
  const problem = check.kind === "ok" ? null : amountProblemText(check, t, unit);
  return (
    <span className="exact-input" style={props.style}>
      <Input
        data-testid={props["data-testid"]}
        prefix={unit === "yuan" ? "¥" : undefined}
        suffix={unit === "percent" ? "%" : undefined}
        disabled={props.disabled}
        status={problem ? "error" : undefined}
        placeholder={props.placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onChange?.(parse(event.target.value));
        }}
      />
      {problem && (
        <span
          className="exact-input-problem"
          data-testid={props["data-testid"] ? `${props["data-testid"]}-problem` : undefined}
        >
          {problem}
        </span>
      )}
    </span>
  );
}

export function MoneyInput(props: Props) {
  return <ExactInput {...props} unit="yuan" format={fenToYuanInput} />;
}

function bpsToPercentInput(bps: number): string {
  return fenToYuanInput(bps).replace(/\.?0+$/, "");
}

/** A rate 0–100 % with up to two decimals, held as basis points. */
export function PercentInput(props: Props) {
  return (
    <ExactInput
      {...props}
      rule={{ maxFen: 10_000, ...props.rule }}
      unit="percent"
      format={bpsToPercentInput}
    />
  );
}
