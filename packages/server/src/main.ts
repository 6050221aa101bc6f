// The entry point: one API process, or with WORKERS > 1 (PostgreSQL) a primary that prepares the
// database once and forks that many API processes sharing the port.
import cluster from "node:cluster";
import { superviseWorkers } from "./cluster.ts";
import { loadConfig } from "./config.ts";
import { serve } from "./serve.ts";

const config = loadConfig();
if (cluster.isPrimary && config.workers > 1) await superviseWorkers(config);
else await serve(config, { prepared: cluster.isWorker });
