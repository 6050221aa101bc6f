// Stable hooks for browser tests on table rows (antd's onRow takes plain HTML attributes).
import type { HTMLAttributes } from "react";

export function rowTestId(prefix: string, key: string | number): HTMLAttributes<HTMLElement> {
  return { "data-testid": `${prefix}-${key}` } as HTMLAttributes<HTMLElement>;
}
