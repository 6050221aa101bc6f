// Keeps secrets out of logs: configs holding keys are wrapped so that JSON.stringify, util.inspect
// and template strings show a mask instead of the value.

const MASK = "***";

/** Masks every value whose key looks like a secret; keeps ids (mchid, appId, serial) readable. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSecretKey(key) && inner !== undefined ? MASK : maskSecrets(inner);
  }
  return out;
}

function isSecretKey(key: string): boolean {
  return /privatekey|secret|apiv3key|password|pem$/i.test(key);
}

/** Adds a masking `toJSON` and `util.inspect` hook (non-enumerable) to a config object. */
export function withMaskedSecrets<T extends object>(config: T): T {
  const masked = () => maskSecrets({ ...config });
  Object.defineProperty(config, "toJSON", { value: masked, enumerable: false });
  Object.defineProperty(config, Symbol.for("nodejs.util.inspect.custom"), {
    value: masked,
    enumerable: false,
  });
  return config;
}
