import { api, type Policy, type Schemas, type Section, unwrap } from "@/lib/api";

export const createSection = (tenant: string, body: Schemas["SectionCreate"]): Promise<Section> =>
  unwrap(api().POST("/v1/tenants/{tenant}/sections", { params: { path: { tenant } }, body }));

export const getPolicy = (tenant: string): Promise<Policy> =>
  unwrap(api().GET("/v1/tenants/{tenant}/policy", { params: { path: { tenant } } }));

export const setPolicy = (tenant: string, body: Schemas["PolicyUpdate"]): Promise<Policy> =>
  unwrap(api().PUT("/v1/tenants/{tenant}/policy", { params: { path: { tenant } }, body }));

export type Person = Schemas["Person"];

export async function listPeople(tenant: string): Promise<Person[]> {
  const page = await unwrap(api().GET("/v1/tenants/{tenant}/people", { params: { path: { tenant } } }));
  return page.items;
}

export const addPerson = (tenant: string, username: string, roles: string[]): Promise<Person> =>
  unwrap(api().POST("/v1/tenants/{tenant}/people", { params: { path: { tenant } }, body: { username, roles } }));

export const setRoles = (tenant: string, userId: string, roles: string[]): Promise<Person> =>
  unwrap(
    api().PUT("/v1/tenants/{tenant}/people/{user_id}/roles", {
      params: { path: { tenant, user_id: userId } },
      body: { roles },
    }),
  );
