// The poster templates a merchant chooses among: colours only, so every template keeps the same layout
// (and the QR code the same quiet white square that any phone can read).

export const posterTemplateIds = ["classic", "festive", "minimal"] as const;
export type PosterTemplateId = (typeof posterTemplateIds)[number];

export type PosterTemplate = {
  background: string;
  band: string;
  accent: string;
  text: string;
  muted: string;
};

export const posterTemplates: Record<PosterTemplateId, PosterTemplate> = {
  classic: { background: "#ffffff", band: "#fff1f0", accent: "#e4393c", text: "#1f1f1f", muted: "#8c8c8c" },
  festive: { background: "#c8161d", band: "#a8071a", accent: "#ffd666", text: "#ffffff", muted: "#ffe7ba" },
  minimal: { background: "#f5f5f5", band: "#ffffff", accent: "#1f1f1f", text: "#1f1f1f", muted: "#8c8c8c" },
};
