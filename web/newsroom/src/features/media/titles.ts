/**
 * Asset titles seen by this tab (the library fills it), so the editor's embed placeholder
 * can say what it shows without a request per embed.
 */
const titles = new Map<string, string>();

export function rememberTitle(assetId: string, title: string): void {
  titles.set(assetId, title);
}

export function knownTitle(assetId: string): string | undefined {
  return titles.get(assetId);
}
