import { api, type Role, unwrap, type Workflow } from "@/lib/api";

export const QUEUE_PAGE = 100;

export async function fetchQueue(
  tenant: string,
  role: Role,
): Promise<{ items: Workflow[]; more: boolean }> {
  const page = await unwrap(
    api().GET("/v1/tenants/{tenant}/queue", {
      params: { path: { tenant }, query: { role, limit: QUEUE_PAGE } },
    }),
  );
  return { items: page.items, more: page.next_cursor !== null && page.next_cursor !== undefined };
}
