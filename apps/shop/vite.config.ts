// The shop is served by the API server at /, so asset URLs start there; in dev, /api and pictures go to the server.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const server = "http://127.0.0.1:3000";

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": server, "/uploads": server, "/demo": server } },
});
