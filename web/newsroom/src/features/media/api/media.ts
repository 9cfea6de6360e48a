/**
 * The gateway's media routes (docs/media.md): the tenant's assets, their metadata,
 * upload sessions (presigned multipart: the bytes go straight to object storage) and
 * galleries. Every call is typed by the generated OpenAPI schema.
 */
import { api, type Schemas, unwrap } from "@/lib/api";

export type Asset = Schemas["Asset"];
export type AssetMetadata = Schemas["AssetMetadata"];
export type AssetStatus = Schemas["AssetStatus"];
export type UploadSession = Schemas["UploadSession"];
export type UploadParts = Schemas["UploadParts"];
export type UploadStarted = Schemas["UploadStarted"];
export type GalleryItem = Schemas["GalleryItem"];

export type AssetKind = NonNullable<Asset["kind"]>;

export interface AssetFilter {
  /** Words to find (accent-insensitive, every one must match); "" lists everything. */
  q: string;
  kind: AssetKind | "";
}

export interface AssetPage {
  items: Asset[];
  /** The next page's cursor; null on the last page. */
  cursor: string | null;
}

/** One page of the tenant's assets, newest first, matching `filter`. */
export async function listAssets(tenant: string, filter: AssetFilter, cursor: string | null = null): Promise<AssetPage> {
  const query = {
    limit: 48,
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const page = await unwrap(api().GET("/v1/tenants/{tenant}/assets", { params: { path: { tenant }, query } }));
  return { items: page.items, cursor: page.next_cursor ?? null };
}

export function getAsset(tenant: string, assetId: string): Promise<Asset> {
  return unwrap(
    api().GET("/v1/tenants/{tenant}/assets/{asset_id}", {
      params: { path: { tenant, asset_id: assetId } },
    }),
  );
}

export function updateMetadata(tenant: string, assetId: string, metadata: AssetMetadata): Promise<Asset> {
  return unwrap(
    api().PUT("/v1/tenants/{tenant}/assets/{asset_id}/metadata", {
      params: { path: { tenant, asset_id: assetId } },
      body: metadata,
    }),
  );
}

export function startUpload(tenant: string, body: Schemas["UploadStart"]): Promise<UploadStarted> {
  return unwrap(api().POST("/v1/tenants/{tenant}/uploads", { params: { path: { tenant } }, body }));
}

/** The parts the store already has, and fresh URLs for the missing ones. */
export function listUploadParts(tenant: string, assetId: string): Promise<UploadParts> {
  return unwrap(
    api().GET("/v1/tenants/{tenant}/assets/{asset_id}/upload", {
      params: { path: { tenant, asset_id: assetId } },
    }),
  );
}

/** Completes the upload; the service checks the assembled object against `sha256`. */
export function completeUpload(tenant: string, assetId: string, uploadId: string, sha256: string): Promise<Asset> {
  return unwrap(
    api().POST("/v1/tenants/{tenant}/assets/{asset_id}/upload/complete", {
      params: { path: { tenant, asset_id: assetId } },
      body: { upload_id: uploadId, sha256 },
    }),
  );
}

export async function abortUpload(tenant: string, assetId: string): Promise<void> {
  await unwrap(
    api().DELETE("/v1/tenants/{tenant}/assets/{asset_id}/upload", {
      params: { path: { tenant, asset_id: assetId } },
    }),
  );
}

export function createGallery(tenant: string, metadata: AssetMetadata, items: GalleryItem[]): Promise<Asset> {
  return unwrap(
    api().POST("/v1/tenants/{tenant}/galleries", { params: { path: { tenant } }, body: { metadata, items } }),
  );
}

export function updateGallery(tenant: string, assetId: string, items: GalleryItem[]): Promise<Asset> {
  return unwrap(
    api().PUT("/v1/tenants/{tenant}/galleries/{asset_id}/items", {
      params: { path: { tenant, asset_id: assetId } },
      body: { items },
    }),
  );
}

/** The smallest image rendition (a thumbnail), if the asset has any yet. */
export function thumbnailUrl(asset: Asset): string | null {
  const images = asset.version.renditions.filter((r) => r.role === "image" && r.width > 0);
  images.sort((a, b) => a.width - b.width);
  const webp = images.find((r) => r.content_type === "image/webp");
  return (webp ?? images[0])?.url ?? null;
}

/** Why an asset cannot go into a story yet: the same rule the media service enforces. */
export function missingForUse(metadata: AssetMetadata, kind: Asset["kind"]): { alt: boolean; credit: boolean } {
  const alt = kind === "image" && !(metadata.alt_text?.vi?.trim() || metadata.alt_text?.en?.trim());
  return { alt, credit: !metadata.credit?.trim() };
}
