/**
 * Small secrets kept so their owner can see them again (today: share link tokens), sealed at rest with AES-256-GCM
 * under a key derived (HKDF) from MASTER_KEY, the same way issuer private keys are protected but with its own
 * derivation label, so a sealed token and a sealed private key never share a key. Each blob is bound to the row it
 * belongs to (additional data), so a blob copied to another row does not open.
 */
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from '../credentials/encoding';
import { deriveMasterSubkey } from '../credentials/keys';

// Changing this string changes every derived key, so it carries a version like the blob format.
const HKDF_INFO = 'care-passport/sealed-text/v1';
const BLOB_VERSION = 's1';

/** Seals `text` for the row `boundTo` (e.g. a share id); returns `s1.<iv>.<ciphertext>`. */
export async function sealText(masterKey: string, boundTo: string, text: string): Promise<string> {
  const key = await deriveMasterSubkey(masterKey, HKDF_INFO);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(`${BLOB_VERSION}|${boundTo}`) },
    key,
    utf8(text),
  );
  return `${BLOB_VERSION}.${base64UrlEncode(iv)}.${base64UrlEncode(new Uint8Array(ciphertext))}`;
}

/**
 * Opens a sealed blob with the first master key that fits (the current key first, then one being rotated out).
 * Returns null when none does, or the blob is damaged or belongs to another row: the caller then treats the
 * secret as gone rather than failing the page.
 */
export async function openSealedText(
  masterKeys: readonly string[],
  boundTo: string,
  blob: string,
): Promise<string | null> {
  const parts = blob.split('.');
  if (parts.length !== 3 || parts[0] !== BLOB_VERSION) return null;
  const iv = base64UrlDecode(parts[1] as string);
  const ciphertext = base64UrlDecode(parts[2] as string);
  if (iv?.length !== 12 || !ciphertext || ciphertext.length < 17) return null;
  for (const masterKey of masterKeys) {
    try {
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv, additionalData: utf8(`${BLOB_VERSION}|${boundTo}`) },
        await deriveMasterSubkey(masterKey, HKDF_INFO),
        ciphertext,
      );
      return fromUtf8(new Uint8Array(plaintext));
    } catch {
      // GCM cannot tell a wrong key from tampering; try the next key.
    }
  }
  return null;
}
