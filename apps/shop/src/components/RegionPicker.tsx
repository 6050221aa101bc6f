// Province / city / district from the server's region list (GET /api/v1/regions), as a three-column picker.
import { CascadePicker, type CascadePickerOption } from "antd-mobile";
import { useEffect, useState } from "react";
import { api, call } from "../lib/api.ts";
import type { Province } from "../lib/types.ts";

export type RegionCodes = [string, string, string];

let cached: Promise<CascadePickerOption[]> | null = null;

function toOptions(provinces: Province[]): CascadePickerOption[] {
  return provinces.map((p) => ({
    label: p.name,
    value: p.code,
    children: p.children.map((c) => ({
      label: c.name,
      value: c.code,
      children: c.children.map((d) => ({ label: d.name, value: d.code })),
    })),
  }));
}

export function loadRegionOptions(): Promise<CascadePickerOption[]> {
  cached ??= call(api.GET("/api/v1/regions")).then(toOptions);
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

/** "广东省 深圳市 南山区" for three codes, from the loaded list. */
export function regionText(options: CascadePickerOption[], codes: string[]): string {
  const names: string[] = [];
  let level: CascadePickerOption[] | undefined = options;
  for (const code of codes) {
    const found: CascadePickerOption | undefined = level?.find((o) => o.value === code);
    if (!found) break;
    names.push(String(found.label));
    level = found.children;
  }
  return names.join(" ");
}

export function useRegionOptions(): CascadePickerOption[] {
  const [options, setOptions] = useState<CascadePickerOption[]>([]);
  useEffect(() => {
    loadRegionOptions()
      .then(setOptions)
      .catch(() => undefined);
  }, []);
  return options;
}

type Props = {
  visible: boolean;
  value: string[];
  options: CascadePickerOption[];
  onClose: () => void;
  onConfirm: (codes: RegionCodes) => void;
};

export function RegionPicker({ visible, value, options, onClose, onConfirm }: Props) {
  return (
    <CascadePicker
      options={options}
      visible={visible}
      value={value}
      onClose={onClose}
      onConfirm={(codes) => {
        const [p, c, d] = codes;
        if (typeof p === "string" && typeof c === "string" && typeof d === "string") onConfirm([p, c, d]);
      }}
    />
  );
}
