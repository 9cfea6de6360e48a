"""gRPC servicer of newsroom.content.v1.ContentService: protobuf in, use case, protobuf out."""

from __future__ import annotations

from typing import Any

import grpc

from content_service.common import timestamp
from content_service.publishing import mappers as published_mappers
from content_service.publishing.service import PublishedFilter
from content_service.service import ContentService
from content_service.stories import mappers as story_mappers
from content_service.stories.service import StoryFilter
from content_service.tenants import mappers as tenant_mappers
from content_service.tenants.models import SectionCreate, TenantCreate
from newsroom.content.v1 import content_service_pb2 as pb
from newsroom.content.v1 import content_service_pb2_grpc, published_story_pb2
from newsroom_core.grpc.metadata import current_identity, optional_identity

SERVICE_NAME = "newsroom.content.v1.ContentService"
Context = grpc.ServicerContext


class ContentApi(content_service_pb2_grpc.ContentServiceServicer):
    def __init__(self, service: ContentService) -> None:
        self._service = service

    # --- tenants and sections -----------------------------------------------------------

    def CreateTenant(self, request: Any, context: Context) -> pb.CreateTenantResponse:  # noqa: N802
        result = self._service.create_tenant(
            current_identity(),
            TenantCreate(
                slug=request.tenant,
                name=request.name,
                default_language=request.default_language,
                group_tenant=request.group_tenant,
            ),
        )
        return pb.CreateTenantResponse(
            tenant=tenant_mappers.tenant_to_pb(result.tenant),
            sections=[tenant_mappers.section_to_pb(s) for s in result.sections],
            created=result.created,
        )

    def GetTenant(self, request: Any, context: Context) -> pb.GetTenantResponse:  # noqa: N802
        return pb.GetTenantResponse(
            tenant=tenant_mappers.tenant_to_pb(self._service.get_tenant(request.tenant))
        )

    def ListTenants(self, request: Any, context: Context) -> pb.ListTenantsResponse:  # noqa: N802
        page = self._service.list_tenants(request.page_size, request.page_token)
        return pb.ListTenantsResponse(
            tenants=[tenant_mappers.tenant_to_pb(t) for t in page.items],
            next_page_token=page.next_page_token,
        )

    def CreateSection(self, request: Any, context: Context) -> pb.CreateSectionResponse:  # noqa: N802
        section = self._service.create_section(
            current_identity(),
            SectionCreate(
                tenant=request.tenant,
                slug=request.slug,
                name=request.name,
                description=request.description,
                parent_id=request.parent_id,
                position=request.position,
            ),
        )
        return pb.CreateSectionResponse(section=tenant_mappers.section_to_pb(section))

    def ListSections(self, request: Any, context: Context) -> pb.ListSectionsResponse:  # noqa: N802
        sections = self._service.list_sections(request.tenant)
        return pb.ListSectionsResponse(sections=[tenant_mappers.section_to_pb(s) for s in sections])

    # --- stories ------------------------------------------------------------------------

    def CreateStory(self, request: Any, context: Context) -> pb.CreateStoryResponse:  # noqa: N802
        story = self._service.create_story(
            current_identity(), request.tenant, story_mappers.draft_from_request(request)
        )
        return pb.CreateStoryResponse(story=story_mappers.story_to_pb(story))

    def GetStory(self, request: Any, context: Context) -> pb.GetStoryResponse:  # noqa: N802
        story = self._service.get_story(current_identity(), request.tenant, request.story_id)
        return pb.GetStoryResponse(story=story_mappers.story_to_pb(story))

    def UpdateStory(self, request: Any, context: Context) -> pb.UpdateStoryResponse:  # noqa: N802
        story, revision = self._service.update_story(
            current_identity(),
            request.tenant,
            request.story_id,
            request.expected_revision,
            story_mappers.draft_from_request(request),
        )
        return pb.UpdateStoryResponse(
            story=story_mappers.story_to_pb(story), revision=story_mappers.revision_to_pb(revision)
        )

    def ListStories(self, request: Any, context: Context) -> pb.ListStoriesResponse:  # noqa: N802
        page = self._service.list_stories(
            current_identity(),
            request.tenant,
            StoryFilter(
                status=story_mappers.status_to_str(request.status),
                author_id=request.author_id,
                section_id=request.section_id,
                type=story_mappers.story_type_to_str(request.type),
            ),
            request.page_size,
            request.page_token,
        )
        return pb.ListStoriesResponse(
            stories=[story_mappers.story_to_pb(s) for s in page.items],
            next_page_token=page.next_page_token,
        )

    def ListRevisions(self, request: Any, context: Context) -> pb.ListRevisionsResponse:  # noqa: N802
        page = self._service.list_revisions(
            current_identity(),
            request.tenant,
            request.story_id,
            request.page_size,
            request.page_token,
        )
        return pb.ListRevisionsResponse(
            revisions=[story_mappers.revision_to_pb(r) for r in page.items],
            next_page_token=page.next_page_token,
        )

    def GetRevision(self, request: Any, context: Context) -> pb.GetRevisionResponse:  # noqa: N802
        revision = self._service.get_revision(
            current_identity(), request.tenant, request.story_id, request.number
        )
        return pb.GetRevisionResponse(revision=story_mappers.revision_to_pb(revision))

    def DiffRevisions(self, request: Any, context: Context) -> pb.DiffRevisionsResponse:  # noqa: N802
        changes = self._service.diff_revisions(
            current_identity(),
            request.tenant,
            request.story_id,
            request.from_revision,
            request.to_revision,
        )
        return pb.DiffRevisionsResponse(
            story_id=request.story_id,
            from_revision=request.from_revision,
            to_revision=request.to_revision,
            diffs=[story_mappers.field_change_to_pb(c) for c in changes],
        )

    # --- public read models (identity optional) -------------------------------------

    def GetPublishedStory(self, request: Any, context: Context) -> pb.GetPublishedStoryResponse:  # noqa: N802
        story = self._service.get_published_story(
            optional_identity(), request.tenant, request.slug, request.include_internal
        )
        return pb.GetPublishedStoryResponse(story=published_mappers.published_to_pb(story))

    def ListPublishedStories(  # noqa: N802
        self, request: Any, context: Context
    ) -> pb.ListPublishedStoriesResponse:
        page = self._service.list_published(
            optional_identity(),
            request.tenant,
            PublishedFilter(
                section_slug=request.section_slug,
                tag_slug=request.tag_slug,
                type=story_mappers.story_type_to_str(request.type),
                include_internal=request.include_internal,
            ),
            request.page_size,
            request.page_token,
        )
        return pb.ListPublishedStoriesResponse(
            stories=[published_mappers.published_summary_to_pb(s) for s in page.items],
            next_page_token=page.next_page_token,
        )

    def ListRelatedStories(  # noqa: N802
        self, request: Any, context: Context
    ) -> pb.ListRelatedStoriesResponse:
        stories = self._service.related_published(request.tenant, request.slug, request.page_size)
        return pb.ListRelatedStoriesResponse(
            stories=[published_mappers.published_summary_to_pb(s) for s in stories]
        )

    def SearchPublishedStories(  # noqa: N802
        self, request: Any, context: Context
    ) -> pb.SearchPublishedStoriesResponse:
        page = self._service.search_published(
            optional_identity(),
            request.tenant,
            request.query,
            include_internal=request.include_internal,
            section_slug=request.section_slug,
            size=request.page_size,
            token=request.page_token,
        )
        return pb.SearchPublishedStoriesResponse(
            hits=[
                published_story_pb2.SearchHit(
                    story=published_mappers.published_summary_to_pb(hit.story),
                    rank=hit.rank,
                    snippet_html=hit.snippet_html,
                )
                for hit in page.items
            ],
            next_page_token=page.next_page_token,
        )

    def GetFeed(self, request: Any, context: Context) -> pb.GetFeedResponse:  # noqa: N802
        document = self._service.feed(
            request.tenant,
            request.section_slug,
            request.format == published_story_pb2.FEED_FORMAT_ATOM,
            request.base_url,
        )
        return pb.GetFeedResponse(
            content_type=document.content_type,
            body=document.body,
            etag=document.etag,
            last_modified=timestamp(document.last_modified),
        )

    def GetSitemap(self, request: Any, context: Context) -> pb.GetSitemapResponse:  # noqa: N802
        if request.news:
            document = self._service.news_sitemap(request.tenant, request.base_url)
        else:
            document = self._service.sitemap(request.tenant, request.base_url)
        return pb.GetSitemapResponse(
            content_type=document.content_type,
            body=document.body,
            etag=document.etag,
            last_modified=timestamp(document.last_modified),
        )
