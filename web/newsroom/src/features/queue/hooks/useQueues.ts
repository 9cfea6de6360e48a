import type { Role } from "@/lib/api";
import { useQuery } from "@/lib/query";

import { fetchQueue } from "../api/queue";

/** Every queue of the person's roles, keyed so live events can reload them. */
export function useQueue(tenant: string, role: Role | null) {
  return useQuery(role ? `queue:${tenant}:${role}` : null, () =>
    fetchQueue(tenant, role ?? "editor"),
  );
}
