/**
 * Ed25519 through node:crypto (OpenSSL): key pairs, key ids, signatures and the hash that chains a device's
 * events. Keys travel as base64url of the raw 32-byte public key; a private key is kept as PKCS#8 PEM by a
 * key store (trust/key-store.ts, electron/key-store.ts) and never leaves the machine that made it.
 */
import crypto, { type KeyObject } from 'node:crypto';

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKey {
  keyId: string;
  publicKey: string;
  privateKey: KeyObject;
}

export function generateSigningKey(): { key: SigningKey; pem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { key: fromKeyObjects(privateKey, publicKey), pem };
}

export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = crypto.createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  return fromKeyObjects(privateKey, crypto.createPublicKey(privateKey));
}

function fromKeyObjects(privateKey: KeyObject, publicKey: KeyObject): SigningKey {
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(SPKI_PREFIX.length);
  const publicB64 = raw.toString('base64url');
  return { keyId: keyIdOf(publicB64), publicKey: publicB64, privateKey };
}

/** A public key's id: the first 16 bytes of its SHA-256, base64url (22 characters). */
export function keyIdOf(publicKeyB64: string): string {
  return crypto.createHash('sha256').update(Buffer.from(publicKeyB64, 'base64url')).digest().subarray(0, 16).toString('base64url');
}

const PUBLIC_KEY_RE = /^[A-Za-z0-9_-]{43}$/;

/** A verifying key from its base64url raw form, or null when it is not one. */
export function publicKeyFrom(publicKeyB64: string): KeyObject | null {
  if (!PUBLIC_KEY_RE.test(publicKeyB64)) return null;
  try {
    return crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(publicKeyB64, 'base64url')]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

export function signText(text: string, key: KeyObject): string {
  return crypto.sign(null, Buffer.from(text, 'utf8'), key).toString('base64url');
}

const SIG_RE = /^[A-Za-z0-9_-]{86}$/;

export function verifyText(text: string, sig: string, key: KeyObject): boolean {
  if (!SIG_RE.test(sig)) return false;
  try {
    return crypto.verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(sig, 'base64url'));
  } catch {
    return false;
  }
}

/** SHA-256 of a text, base64url (43 characters): the link from one event of a device to the next. */
export function hashText(text: string): string {
  // One-shot `crypto.hash` (Node ≥ 20.12) skips a Hash object per call: it is run once per synced event.
  return oneShotHash ? oneShotHash('sha256', text, 'base64url') : crypto.createHash('sha256').update(text, 'utf8').digest('base64url');
}

const oneShotHash = (crypto as unknown as { hash?: (alg: string, data: string, enc: 'base64url') => string }).hash;
