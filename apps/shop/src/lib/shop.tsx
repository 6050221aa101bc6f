// The merchant's shop name, logo and service phone from GET /api/v1/shop, loaded once for every screen.
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { api, call } from "./api.ts";
import type { Shop } from "./types.ts";

const fallback: Shop = { shopName: "裂变小店", logoUrl: "", servicePhone: "", description: "" };
const ShopContext = createContext<Shop>(fallback);

export function ShopProvider({ children }: { children: ReactNode }) {
  const [shop, setShop] = useState<Shop>(fallback);
  useEffect(() => {
    call(api.GET("/api/v1/shop"))
      .then((loaded) => {
        setShop(loaded);
        document.title = loaded.shopName;
      })
      .catch(() => undefined);
  }, []);
  return <ShopContext.Provider value={shop}>{children}</ShopContext.Provider>;
}

export function useShop(): Shop {
  return useContext(ShopContext);
}
