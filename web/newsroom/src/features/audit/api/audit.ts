import { api, type AuditRecord, unwrap } from "@/lib/api";

export async function listAudit(tenant: string, storyId?: string): Promise<AuditRecord[]> {
  const page = await unwrap(
    api().GET("/v1/tenants/{tenant}/audit", {
      params: { path: { tenant }, query: { limit: 100, ...(storyId ? { story_id: storyId } : {}) } },
    }),
  );
  return page.items;
}
