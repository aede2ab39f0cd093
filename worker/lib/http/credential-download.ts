/** How a stored credential is handed out as a file: a compact vc+jwt, or a Data Integrity credential as JSON. */

/** Response headers for downloading `text` (a stored credential) as `<baseName>.jwt` or `<baseName>.json`. */
export function credentialDownloadHeaders(text: string, baseName: string): Record<string, string> {
  // VC 2.0 §6.1: a credential secured with an embedded proof is application/vc; a JWT one is application/vc+jwt.
  const json = text.startsWith('{');
  return {
    'Content-Type': json ? 'application/vc' : 'application/vc+jwt',
    'Content-Disposition': `attachment; filename="${baseName}.${json ? 'json' : 'jwt'}"`,
  };
}
