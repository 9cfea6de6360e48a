"""``PathOnlyRoute``: FastAPI routes for the portal's hottest reads, minus the overhead.

FastAPI's request handler solves a dependency graph on every call: it builds caches and
exit stacks, looks for body, query, header and cookie parameters, background tasks and a
response model. For an endpoint that takes nothing but path parameters and the request,
that machinery costs more CPU than the endpoint itself (about 0.1-0.2 ms of the ~0.8 ms
the gateway spends on an uncached story read). This route class keeps everything else a
route is: it is matched, documented in OpenAPI, wrapped in exception handling and body
limits like any other, and its path parameters are validated by FastAPI's own function
with the same error format (400 problem+json through ``RequestValidationError``). Any
endpoint needing more than path parameters and the request (a dependency, a query or
header parameter, a body, a response model) gets FastAPI's normal handler, so using the
class is never wrong, only sometimes not faster.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine, Iterable, Iterator
from typing import Any

from fastapi import Request, Response
from fastapi import routing as fastapi_routing
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import request_params_to_args
from fastapi.exceptions import RequestValidationError
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class PathOnlyRoute(fastapi_routing.APIRoute):
    def get_route_handler(self) -> Handler:
        effective = _effective(self)
        dependant: Dependant = effective.dependant
        # a response model (from the return annotation) is FastAPI's to serialise
        if effective.response_field is not None or not path_only(dependant):
            return super().get_route_handler()
        assert dependant.call is not None
        endpoint = dependant.call
        fields = dependant.path_params
        request_name = dependant.request_param_name

        async def handle(request: Request) -> Response:
            values, errors = request_params_to_args(fields, request.path_params)
            if errors:
                raise RequestValidationError(errors)
            if request_name is not None:
                values[request_name] = request
            response = await endpoint(**values)
            if not isinstance(response, Response):
                raise TypeError(f"{self.path}: a PathOnlyRoute endpoint returns a Response")
            return response

        return handle


def path_only(dependant: Dependant) -> bool:
    """True when the endpoint takes only path parameters and, maybe, the request."""
    return (
        dependant.call is not None
        and inspect.iscoroutinefunction(dependant.call)
        and not dependant.dependencies
        and not dependant.query_params
        and not dependant.header_params
        and not dependant.cookie_params
        and not dependant.body_params
        and dependant.websocket_param_name is None
        and dependant.http_connection_param_name is None
        and dependant.response_param_name is None
        and dependant.background_tasks_param_name is None
        and dependant.security_scopes_param_name is None
    )


def _effective(route: fastapi_routing.APIRoute) -> Any:
    """The route as FastAPI will serve it: ``include_router`` may add dependencies, and
    FastAPI builds an included route's handler with that context set (as its own
    ``get_route_handler`` reads it)."""
    context_var = getattr(fastapi_routing, "_effective_route_context_var", None)
    context = context_var.get() if context_var is not None else None
    if context is not None and getattr(context, "original_route", None) is route:
        return context
    return route


def all_routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """Every leaf route, looking inside included routers."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from all_routes(inner.routes)
        else:
            yield route


METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(routes: Iterable[BaseRoute], scope: Scope) -> list[str]:
    """Every method some route serves at ``scope``'s path, for a 405's ``Allow``.

    Starlette names only the methods of the first route whose path matched; a path with
    GET and POST on two routes (a list and a create) must answer ``Allow: GET, POST``.
    """
    found: set[str] = set()
    for route in all_routes(routes):
        methods = getattr(route, "methods", None)
        if methods and route.matches(scope)[0] is not Match.NONE:
            found.update(methods)
    return sorted(found, key=lambda m: (METHOD_ORDER.index(m) if m in METHOD_ORDER else 99, m))
