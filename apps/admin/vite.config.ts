// The admin console is served by the API server at /admin/, so every asset URL starts there.
// `vite` / `vite preview` proxy the API to LIEBIAN_API (default the server's port 3000).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.LIEBIAN_API ?? "http://127.0.0.1:3000";
const proxy = { "/api": api, "/uploads": api, "/demo": api };

export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: { proxy },
  preview: { proxy },
});
