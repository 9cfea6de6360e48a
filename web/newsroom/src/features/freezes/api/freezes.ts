import { api, type Freeze, type Schemas, unwrap } from "@/lib/api";

export async function listFreezes(tenant: string, activeOnly: boolean): Promise<Freeze[]> {
  const page = await unwrap(
    api().GET("/v1/tenants/{tenant}/freezes", {
      params: { path: { tenant }, query: { active_only: activeOnly, limit: 50 } },
    }),
  );
  return page.items;
}

export const setFreeze = (tenant: string, scope: Schemas["FreezeScope"], reason: string): Promise<Freeze> =>
  unwrap(api().POST("/v1/tenants/{tenant}/freezes", { params: { path: { tenant } }, body: { scope, reason } }));

export const liftFreeze = (tenant: string, scope: Schemas["FreezeScope"], reason: string): Promise<Freeze> =>
  unwrap(
    api().POST("/v1/tenants/{tenant}/freezes/lift", { params: { path: { tenant } }, body: { scope, reason } }),
  );
