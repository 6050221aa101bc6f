// The payment methods the shop has switched on (asked once per visit), and the shopper's choice among them.
import { useEffect, useState } from "react";
import { api, call } from "./api.ts";
import type { PayProvider } from "./payment.ts";

let enabled: Promise<PayProvider[]> | null = null;

function loadMethods(): Promise<PayProvider[]> {
  enabled ??= call(api.GET("/api/v1/payments/methods")).then((reply) => reply.methods);
  enabled.catch(() => {
    enabled = null;
  });
  return enabled;
}

/** `methods` is null until known; `provider` starts at the first enabled method. */
export function usePayMethods(): {
  methods: PayProvider[] | null;
  provider: PayProvider | null;
  setProvider: (p: PayProvider) => void;
} {
  const [methods, setMethods] = useState<PayProvider[] | null>(null);
  const [chosen, setProvider] = useState<PayProvider | null>(null);
  useEffect(() => {
    loadMethods().then(setMethods, () => setMethods([]));
  }, []);
  const provider = chosen && methods?.includes(chosen) ? chosen : (methods?.[0] ?? null);
  return { methods, provider, setProvider };
}
