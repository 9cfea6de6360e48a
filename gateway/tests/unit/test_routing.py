"""PathOnlyRoute: the lean handler for path-parameter-only endpoints, FastAPI's otherwise."""

from __future__ import annotations

from typing import Annotated

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response

from gateway.errors import install_error_handlers
from gateway.routing import PathOnlyRoute, path_only

pytestmark = pytest.mark.anyio

Code = Annotated[str, Path(pattern=r"^[a-z]{2,5}$")]
calls: list[str] = []


async def dependency() -> str:
    calls.append("dependency")
    return "dep"


router = APIRouter(prefix="/t/{code}", route_class=PathOnlyRoute)


@router.get("/items/{number}")
async def item(code: Code, number: int, request: Request) -> Response:
    return Response(f"{code}:{number}:{request.url.path}", media_type="text/plain")


@router.get("/search")
async def search(code: Code, q: Annotated[str, Query(min_length=2)]) -> Response:
    return Response(f"{code}?{q}", media_type="text/plain")


@router.get("/dep")
async def with_dependency(code: Code, dep: Annotated[str, Depends(dependency)]) -> Response:
    return Response(f"{code}+{dep}", media_type="text/plain")


@router.get("/model")
async def with_model(code: Code) -> dict[str, str]:
    return {"code": code}


def make_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    return app


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def client() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=make_app())
    return httpx.AsyncClient(transport=transport, base_url="http://test")


def test_only_path_and_request_endpoints_take_the_lean_handler() -> None:
    routes = {r.name: r for r in router.routes if isinstance(r, PathOnlyRoute)}
    assert path_only(routes["item"].dependant)
    assert not path_only(routes["search"].dependant)  # a query parameter
    assert not path_only(routes["with_dependency"].dependant)  # a dependency
    assert routes["with_model"].response_field is not None  # serialised by FastAPI


async def test_path_parameters_are_converted_and_validated(client: httpx.AsyncClient) -> None:
    ok = await client.get("/t/abc/items/42")
    assert ok.status_code == 200 and ok.text == "abc:42:/t/abc/items/42"
    for bad_path, field in (("/t/ABC/items/1", "path.code"), ("/t/abc/items/x", "path.number")):
        bad = await client.get(bad_path)
        assert bad.status_code == 400, bad.text
        assert bad.headers["content-type"].startswith("application/problem+json")
        body = bad.json()
        assert body["reason"] == "VALIDATION_FAILED"
        assert [e["field"] for e in body["errors"]] == [field]


async def test_other_endpoints_keep_fastapi_semantics(client: httpx.AsyncClient) -> None:
    assert (await client.get("/t/abc/search", params={"q": "xy"})).text == "abc?xy"
    short = await client.get("/t/abc/search", params={"q": "x"})
    assert short.status_code == 400 and short.json()["errors"][0]["field"] == "query.q"
    calls.clear()
    assert (await client.get("/t/abc/dep")).text == "abc+dep" and calls == ["dependency"]
    # a response model is serialised by FastAPI (the lean handler only returns Responses)
    assert (await client.get("/t/abc/model")).json() == {"code": "abc"}


async def test_a_dependency_added_by_include_router_still_runs() -> None:
    app = make_app()
    app.include_router(router, prefix="/guarded", dependencies=[Depends(dependency)])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as guarded:
        calls.clear()
        assert (await guarded.get("/t/abc/items/1")).status_code == 200 and calls == []
        response = await guarded.get("/guarded/t/abc/items/1")
        assert response.status_code == 200 and calls == ["dependency"]
