// Pickers for the marketing editors: on-sale products searched by title (one or several), and categories.
import { Select } from "antd";
import { type CSSProperties, useEffect, useState } from "react";
import { useNotify } from "../../lib/use-notify.ts";
import { marketingApi } from "./marketing-api.ts";

type Option = { value: number; label: string };

export function ProductSelect(props: {
  value?: number | number[];
  onChange?: (value: never) => void;
  multiple?: boolean;
  testId?: string;
  style?: CSSProperties;
}) {
  const { failed } = useNotify();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Map<number, string>>(new Map());

  useEffect(() => {
    let current = true;
    marketingApi.products(query || undefined).then((page) => {
      if (!current) return;
      setOptions(page.items.map((p) => ({ value: p.id, label: p.title })));
      setKnown((m) => new Map([...m, ...page.items.map((p) => [p.id, p.title] as const)]));
    }, failed);
    return () => {
      current = false;
    };
  }, [query, failed]);

  // chosen products stay labelled when a later search no longer lists them
  const chosen = Array.isArray(props.value) ? props.value : props.value ? [props.value] : [];
  const merged = [
    ...options,
    ...chosen
      .filter((id) => !options.some((o) => o.value === id))
      .map((id) => ({ value: id, label: known.get(id) ?? `#${id}` })),
  ];
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQuery}
      mode={props.multiple ? "multiple" : undefined}
      value={props.value as never}
      onChange={(v) => props.onChange?.(v as never)}
      options={merged}
      data-testid={props.testId}
      style={props.style}
    />
  );
}

export function CategorySelect(props: { value?: number[]; onChange?: (value: number[]) => void }) {
  const { failed } = useNotify();
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    marketingApi
      .categories()
      .then((list) => setOptions(list.map((c) => ({ value: c.id, label: c.name }))), failed);
  }, [failed]);
  return (
    <Select
      mode="multiple"
      optionFilterProp="label"
      value={props.value}
      onChange={props.onChange}
      options={options}
    />
  );
}
