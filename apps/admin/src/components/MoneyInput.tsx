// Exact number inputs: an amount typed in yuan and held in fen, a rate typed in percent and held in bps.
// The text stays as typed until it parses; no float arithmetic converts it.
import { Input } from "antd";
import { type CSSProperties, useEffect, useState } from "react";
import { fenToYuanInput, parsePercentInput, parseYuanInput } from "../lib/money.ts";

type Props = {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  disabled?: boolean;
  "data-testid"?: string;
  style?: CSSProperties;
};

function ExactInput(
  props: Props & {
    parse: (text: string) => number | null;
    format: (n: number) => string;
    prefix?: string;
    suffix?: string;
  },
) {
  const { value, onChange, parse, format } = props;
  const [text, setText] = useState(value == null ? "" : format(value));
  useEffect(() => {
    if (value == null) {
      if (parse(text) !== null) setText("");
    } else if (parse(text) !== value) {
      setText(format(value));
    }
  }, [value, text, parse, format]);
  const invalid = text.trim() !== "" && parse(text) === null;
  return (
    <Input
      data-testid={props["data-testid"]}
      prefix={props.prefix}
      suffix={props.suffix}
      style={props.style}
      disabled={props.disabled}
      status={invalid ? "error" : undefined}
      placeholder={props.placeholder}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange?.(event.target.value.trim() === "" ? null : parse(event.target.value));
      }}
    />
  );
}

export function MoneyInput(props: Props) {
  return <ExactInput {...props} parse={parseYuanInput} format={fenToYuanInput} prefix="¥" />;
}

function bpsToPercentInput(bps: number): string {
  return fenToYuanInput(bps).replace(/\.?0+$/, "");
}

function parseRate(text: string): number | null {
  const bps = parsePercentInput(text);
  return bps !== null && bps <= 10_000 ? bps : null;
}

/** A rate 0–100 % with up to two decimals, held as basis points. */
export function PercentInput(props: Props) {
  return <ExactInput {...props} parse={parseRate} format={bpsToPercentInput} suffix="%" />;
}
