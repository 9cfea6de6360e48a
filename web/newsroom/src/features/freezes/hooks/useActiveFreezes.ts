import { useQuery } from "@/lib/query";

import { listFreezes } from "../api/freezes";

export function useActiveFreezes(tenant: string) {
  return useQuery(`freezes:${tenant}:active`, () => listFreezes(tenant, true));
}
