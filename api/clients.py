"""Who the client is: the socket peer, unless that peer is a proxy we were told to trust.

uvicorn's own proxy handling trusts X-Forwarded-For from 127.0.0.1 by default, so anyone on the same host
(or anything that forwards to it without being configured as a proxy) could name any client and escape
the rate limit. `assistant serve` switches that off (api/server.py) and this middleware decides instead,
from `ASSISTANT_TRUSTED_PROXIES` (default: none). With a trusted peer, the client is the right-most
X-Forwarded-For hop that is not itself a trusted proxy: hops to the left of it were written by the client
and prove nothing. The result replaces `scope["client"]`, so the rate limiter, the logs and uvicorn's
access log all see the same address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted_proxies(value: str) -> tuple[Network, ...]:
    """'10.0.0.0/8, 127.0.0.1' -> networks; a bad entry names itself and what is accepted."""
    networks = []
    for entry in (part.strip() for part in value.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise ValueError(
                f"ASSISTANT_TRUSTED_PROXIES: {entry!r} is not an IP address or CIDR network "
                "(expected e.g. '10.0.0.0/8, 127.0.0.1')"
            ) from error
    return tuple(networks)


class TrustedProxies:
    """The configured proxies, and the client address behind a chain of them."""

    def __init__(self, networks: Iterable[Network] = ()) -> None:
        self.networks = tuple(networks)

    def __bool__(self) -> bool:
        return bool(self.networks)

    def trusts(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False  # a unix socket path or a hostname is never a trusted proxy
        return any(address in network for network in self.networks)

    def client_behind(self, peer: str, forwarded_for: str | None) -> str:
        """The peer itself unless it is trusted; then the right-most hop that is not a trusted proxy."""
        if not self.trusts(peer) or not forwarded_for:
            return peer
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        for hop in reversed(hops):
            if not self.trusts(hop):
                return hop
        # Every hop is one of ours (a health check from inside): the left-most is the nearest to a client.
        return hops[0] if hops else peer


class ClientAddressMiddleware:
    """Pure ASGI: set `scope["client"]` (and the scheme) from trusted proxies' headers only."""

    def __init__(self, app: ASGIApp, proxies: TrustedProxies) -> None:
        self.app = app
        self.proxies = proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.proxies and scope["type"] in ("http", "websocket") and scope.get("client"):
            peer, port = scope["client"]
            if self.proxies.trusts(peer):
                headers = dict(scope["headers"])
                # Several X-Forwarded-For lines are one list, in order (RFC 9110 field combination).
                forwarded_for = ",".join(
                    value.decode("latin-1") for name, value in scope["headers"] if name == b"x-forwarded-for"
                )
                client = self.proxies.client_behind(peer, forwarded_for or None)
                if client != peer:
                    # The proxy's port says nothing about the client's; 0 marks "not known".
                    scope["client"] = (client, 0)
                proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").strip().lower()
                if proto in ("http", "https"):
                    scope["scheme"] = proto if scope["type"] == "http" else ("wss" if proto == "https" else "ws")
        await self.app(scope, receive, send)
