// A distributor's share data and posters: links and estimated earning from the API, posters fetched with
// the session (an <img> cannot send the token) and shown from a blob URL the phone can long-press to save.
import { api, call } from "./api.ts";
import { readToken } from "./storage.ts";

export const sharingApi = {
  /** With a running group challenge of the product, its link comes as `activityLink`. */
  share: (productId?: number, challengeId?: number) =>
    call(
      api.GET("/api/v1/distribution/share", {
        params: { query: { ...(productId ? { productId } : {}), ...(challengeId ? { challengeId } : {}) } },
      }),
    ),
  /** A group buy's (groupBuyId) or a group's (groupId) link carrying the distributor's code. */
  activity: (query: { groupBuyId: number } | { groupId: number }) =>
    call(api.GET("/api/v1/distribution/share", { params: { query } })),
  async poster(path: string): Promise<string> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${readToken() ?? ""}` } });
    if (!response.ok) throw new Error(`poster ${response.status}`);
    return URL.createObjectURL(await response.blob());
  },
  productPoster: (productId: number) =>
    sharingApi.poster(`/api/v1/distribution/posters/product/${productId}`),
  invitePoster: () => sharingApi.poster("/api/v1/distribution/posters/invite"),
};
