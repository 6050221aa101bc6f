// Times on screen, in the merchant's (Shanghai) clock and a 24-hour format whatever the browser's locale.
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  return new Date(value).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}
