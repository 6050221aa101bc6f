// A distributor's share links: short and readable (`/s/CODE` for the shop, `/s/CODE/p/12` for a product,
// `/s/CODE/store` for their storefront, `/s/CODE/g/3` for a group-buy activity, `/s/CODE/t/9` for a group,
// `/s/CODE/c/5` for a group challenge),
// answered by a redirect to the page with `?ref=CODE`, where the shop records the visit and the server
// decides the binding. A code of the wrong shape is dropped on the way (the page still opens).

const CODE = /^[A-Za-z0-9_-]{4,16}$/;

export type ShareTarget =
  | { kind: "shop" }
  | { kind: "product"; productId: number }
  | { kind: "storefront" }
  | { kind: "group_buy"; activityId: number }
  | { kind: "group"; groupId: number }
  | { kind: "challenge"; activityId: number };

/** The short path of a target after `/s/CODE`. */
function suffixOf(target: ShareTarget): string {
  switch (target.kind) {
    case "shop":
      return "";
    case "product":
      return `/p/${target.productId}`;
    case "storefront":
      return "/store";
    case "group_buy":
      return `/g/${target.activityId}`;
    case "group":
      return `/t/${target.groupId}`;
    case "challenge":
      return `/c/${target.activityId}`;
  }
}

export function shareLink(publicUrl: string, code: string, target: ShareTarget): string {
  return `${publicUrl.replace(/\/+$/, "")}/s/${code}${suffixOf(target)}`;
}

/** The shop page a target opens. */
function pageOf(code: string, target: ShareTarget): string {
  switch (target.kind) {
    case "shop":
      return "/";
    case "product":
      return `/products/${target.productId}`;
    case "storefront":
      return CODE.test(code) ? `/store/${encodeURIComponent(code)}` : "/";
    case "group_buy":
      return `/group-buys/${target.activityId}`;
    case "group":
      return `/groups/${target.groupId}`;
    case "challenge":
      return `/group-challenges/${target.activityId}`;
  }
}

/** Where a short link sends the browser: the page, carrying the code when it has a code's shape. */
export function landingOf(code: string, target: ShareTarget): string {
  const page = pageOf(code, target);
  return CODE.test(code) ? `${page}?ref=${encodeURIComponent(code)}` : page;
}
