// The sandbox's signing key: loaded from PEM or generated (Ed25519) at startup. Its serial is
// derived from the public key, so a notification signed by another key names another serial.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";

export type SandboxKeys = { privateKey: KeyObject; publicKey: KeyObject; serial: string };

export function loadSandboxKeys(privateKeyPem?: string): SandboxKeys {
  const privateKey = privateKeyPem
    ? createPrivateKey(privateKeyPem)
    : generateKeyPairSync("ed25519").privateKey;
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: "spki", format: "der" });
  const serial = `SANDBOX_${createHash("sha256").update(der).digest("hex").slice(0, 16).toUpperCase()}`;
  return { privateKey, publicKey, serial };
}
