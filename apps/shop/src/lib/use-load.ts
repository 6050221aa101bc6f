// Loads one thing for a screen: the value (null until it arrives), and a reload after a change. A new `key`
// (e.g. the chosen tab) loads again.
import { useCallback, useEffect, useRef, useState } from "react";
import { useFail } from "./use-fail.ts";

export function useLoad<T>(load: () => Promise<T>, key: string | number = ""): [T | null, () => void] {
  const fail = useFail();
  const [value, setValue] = useState<T | null>(null);
  const latest = useRef(load);
  latest.current = load;
  const reload = useCallback(() => {
    latest.current().then(setValue, fail);
  }, [fail]);
  useEffect(() => {
    if (key !== null) reload();
  }, [reload, key]);
  return [value, reload];
}
