/**
 * The one API client: openapi-fetch typed by `api-schema.d.ts`, generated from the
 * gateway's OpenAPI (tools/web.sh api; make lint fails when it drifts). Every call carries
 * the signed-in person's access token; errors become `ApiProblem` (RFC 9457 bodies).
 */
import createClient, { type Middleware } from "openapi-fetch";

import type { components, paths } from "./api-schema";
import { config } from "./config";

export type Schemas = components["schemas"];
export type Story = Schemas["Story"];
export type Revision = Schemas["Revision"];
export type Workflow = Schemas["Workflow"];
export type Comment = Schemas["Comment"];
export type AuditRecord = Schemas["AuditRecord"];
export type Freeze = Schemas["Freeze"];
export type Section = Schemas["Section"];
export type Policy = Schemas["Policy"];
export type Me = Schemas["Me"];
export type Role = Schemas["ApprovalRole"];
export type StoryStatus = Schemas["StoryStatus"];
export type StoryType = Schemas["StoryType"];
export type Visibility = Schemas["Visibility"];
export type Problem = Schemas["Problem"];
export type StoryFields = Required<Schemas["StoryCreate"]>;

export class ApiProblem extends Error {
  readonly status: number;
  readonly reason: string;
  readonly detail: string;

  constructor(status: number, reason: string, detail: string) {
    super(detail || reason || `HTTP ${status}`);
    this.status = status;
    this.reason = reason;
    this.detail = detail;
  }
}

type TokenSource = () => Promise<string | null>;
let tokenSource: TokenSource = async () => null;

export function setTokenSource(source: TokenSource): void {
  tokenSource = source;
}

export async function accessToken(): Promise<string | null> {
  return tokenSource();
}

const auth: Middleware = {
  async onRequest({ request }) {
    const token = await tokenSource();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
};

let client: ReturnType<typeof createClient<paths>> | null = null;

export function api(): ReturnType<typeof createClient<paths>> {
  if (client === null) {
    client = createClient<paths>({ baseUrl: config().apiBase });
    client.use(auth);
  }
  return client;
}

/** The body of a successful call, or an ApiProblem thrown from the error body. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  if (response.ok) return undefined as T;
  const body = (error ?? {}) as Partial<Problem>;
  throw new ApiProblem(response.status, body.reason ?? "", body.detail ?? body.title ?? "");
}
