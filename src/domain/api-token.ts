/**
 * API tokens: a kind prefix (so a leaked token is recognisable and scannable) and 32 random bytes
 * in base64url. Shown once; only a SHA-256 hash is stored.
 */
export const TOKEN_PREFIXES = { platform: 'kdp_', creator: 'kdc_', advertiser: 'kda_' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIXES;

export function encodeApiToken(kind: TokenKind, randomBytes: Uint8Array): string {
  if (randomBytes.length < 32) throw new RangeError('an API token needs at least 32 random bytes');
  return `${TOKEN_PREFIXES[kind]}${Buffer.from(randomBytes).toString('base64url')}`;
}

export function tokenKindOf(token: string): TokenKind | null {
  for (const [kind, prefix] of Object.entries(TOKEN_PREFIXES)) {
    if (token.startsWith(prefix)) return kind as TokenKind;
  }
  return null;
}
