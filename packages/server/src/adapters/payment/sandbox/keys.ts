// The sandbox's signing key: loaded from PEM or generated (Ed25519) at startup. Its serial is
// derived from the public key, so a notification signed by another key names another serial. The pay
// link's MAC key is derived from the private key, so every process given the same key agrees on links.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";

export type SandboxKeys = { privateKey: KeyObject; publicKey: KeyObject; serial: string; linkKey: Buffer };

export function loadSandboxKeys(privateKeyPem?: string): SandboxKeys {
  const privateKey = privateKeyPem
    ? createPrivateKey(privateKeyPem)
    : generateKeyPairSync("ed25519").privateKey;
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: "spki", format: "der" });
  const serial = `SANDBOX_${createHash("sha256").update(der).digest("hex").slice(0, 16).toUpperCase()}`;
  const linkKey = createHash("sha256")
    .update("liebian sandbox pay link\n")
    .update(privateKey.export({ type: "pkcs8", format: "der" }))
    .digest();
  return { privateKey, publicKey, serial, linkKey };
}
