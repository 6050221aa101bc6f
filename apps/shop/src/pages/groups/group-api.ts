// The shop's group-buy calls: an activity, a group's progress, opening and joining (each places an order).
import { api, call } from "../../lib/api.ts";
import { pendingReferral } from "../../lib/referral.ts";

export type GroupBuy = Awaited<ReturnType<typeof loadGroupBuy>>;
export type Group = Awaited<ReturnType<typeof loadGroup>>;

export const loadGroupBuy = (id: number) =>
  call(api.GET("/api/v1/group-buys/{id}", { params: { path: { id } } }));
export const loadGroup = (id: number) => call(api.GET("/api/v1/groups/{id}", { params: { path: { id } } }));
export const runningGroupBuys = (productId: number) =>
  call(api.GET("/api/v1/group-buys", { params: { query: { productId } } }));

/** The default address (listed first), for goods that are shipped; undefined when the shopper has none. */
async function defaultAddressId(): Promise<number | undefined> {
  const list = await call(api.GET("/api/v1/addresses"));
  return list[0]?.id;
}

async function body(skuId: number, shipped: boolean) {
  const ref = pendingReferral();
  return {
    skuId,
    ...(shipped ? { addressId: await defaultAddressId() } : {}),
    ...(ref ? { ref } : {}),
  };
}

export async function openGroup(activityId: number, skuId: number, shipped: boolean) {
  return call(
    api.POST("/api/v1/group-buys/{id}/groups", {
      params: { path: { id: activityId } },
      body: await body(skuId, shipped),
    }),
  );
}

export async function joinGroup(groupId: number, skuId: number, shipped: boolean) {
  return call(
    api.POST("/api/v1/groups/{id}/join", {
      params: { path: { id: groupId } },
      body: await body(skuId, shipped),
    }),
  );
}
