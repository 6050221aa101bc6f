// A distributor's share links: short and readable (`/s/CODE` for the shop, `/s/CODE/p/12` for a product),
// answered by a redirect to the page with `?ref=CODE`, where the shop records the visit and the server
// decides the binding. A code of the wrong shape is dropped on the way (the page still opens).

const CODE = /^[A-Za-z0-9_-]{4,16}$/;

export type ShareTarget = { kind: "shop" } | { kind: "product"; productId: number };

export function shareLink(publicUrl: string, code: string, target: ShareTarget): string {
  const base = publicUrl.replace(/\/+$/, "");
  return target.kind === "shop" ? `${base}/s/${code}` : `${base}/s/${code}/p/${target.productId}`;
}

/** Where a short link sends the browser: the page, carrying the code when it has a code's shape. */
export function landingOf(code: string, target: ShareTarget): string {
  const page = target.kind === "shop" ? "/" : `/products/${target.productId}`;
  return CODE.test(code) ? `${page}?ref=${encodeURIComponent(code)}` : page;
}
