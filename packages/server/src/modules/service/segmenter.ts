// Chinese word segmentation for FAQ matching: @node-rs/jieba with its bundled dictionary, loaded once.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import type { Tokenize } from "./faq-matcher.ts";

let jieba: Jieba | null = null;

/** Search-mode cut (long words also yield their parts: 退款退货 → 退款, 退货), with HMM for unknown words. */
export const tokenizeChinese: Tokenize = (text) => {
  jieba ??= Jieba.withDict(dict);
  return jieba.cutForSearch(text, true);
};
