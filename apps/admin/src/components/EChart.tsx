// One chart: loads echarts on first use (its own chunk), draws `option` (at once, without its drawing animation,
// for someone who prefers reduced motion), follows the container's width.
import { Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { prefersReducedMotion } from "../lib/reduced-motion.ts";

type Option = Record<string, unknown>;

export function EChart({
  option,
  height = 280,
  testId,
}: {
  option: Option;
  height?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: Option): void; resize(): void; dispose(): void } | null = null;
    const resize = () => chart?.resize();
    import("../lib/echarts.ts").then(({ echarts }) => {
      if (disposed || !box.current) return;
      chart = echarts.init(box.current);
      chart.setOption(prefersReducedMotion ? { ...option, animation: false } : option);
      setReady(true);
      window.addEventListener("resize", resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener("resize", resize);
      chart?.dispose();
    };
  }, [option]);
  return (
    <div style={{ position: "relative" }}>
      {!ready && <Spin style={{ position: "absolute", inset: 0, margin: "auto" }} />}
      <div ref={box} style={{ height, width: "100%" }} data-testid={testId} data-ready={ready} />
    </div>
  );
}
