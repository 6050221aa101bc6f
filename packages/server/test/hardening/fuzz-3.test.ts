// Fuzz shard 3 of 4: every fourth route of /api/openapi.json (see fuzz/fuzz-shard.ts).
import { fuzzShard } from "./fuzz/fuzz-shard.ts";

await fuzzShard(2, 4);
