/**
 * Where the portal shows a story: its staff preview of any revision (`/xem-truoc/`,
 * rendered by the portal's own article page, signed-in staff only, never cached) and,
 * once published, the public article. Paths follow the portal's `/<tenant>/...` sites;
 * a tenant with a hostname of its own is redirected there by the portal.
 */
import { config } from "@/lib/config";

export function previewUrl(tenant: string, storyId: string, revision: number): string | null {
  const portal = config().portalUrl;
  if (!portal) return null;
  const query = revision > 0 ? `?phien-ban=${revision}` : "";
  return `${portal}/${encodeURIComponent(tenant)}/xem-truoc/${encodeURIComponent(storyId)}${query}`;
}

export function publicUrl(tenant: string, slug: string): string | null {
  const portal = config().portalUrl;
  if (!portal) return null;
  return `${portal}/${encodeURIComponent(tenant)}/bai-viet/${encodeURIComponent(slug)}`;
}
