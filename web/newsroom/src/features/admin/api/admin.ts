import { api, type Policy, type Schemas, type Section, unwrap } from "@/lib/api";

export const createSection = (tenant: string, body: Schemas["SectionCreate"]): Promise<Section> =>
  unwrap(api().POST("/v1/tenants/{tenant}/sections", { params: { path: { tenant } }, body }));

export const getPolicy = (tenant: string): Promise<Policy> =>
  unwrap(api().GET("/v1/tenants/{tenant}/policy", { params: { path: { tenant } } }));

export const setPolicy = (tenant: string, body: Schemas["PolicyUpdate"]): Promise<Policy> =>
  unwrap(api().PUT("/v1/tenants/{tenant}/policy", { params: { path: { tenant } }, body }));
