"""The dev server's own texts: its warning in the terminal and its answers to refused requests.

English for now, in one table, so that they can move to the message catalogs with the rest.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "network_warning": "Warning: --host {host} makes the preview reachable from the network: "
                       "anyone who can reach port {port} of this machine can read it.",
    "network_warning_drafts": "Warning: --host {host} makes the preview reachable from the network: "
                              "anyone who can reach port {port} of this machine can read it, drafts included.",
    "answered_hosts": "Answering only for {names} (add one with --allow-host NAME)",
    "unknown_host": "This preview does not answer for that host name; "
                    "to allow it, start callboard serve with --allow-host NAME.\n",
    "missing_host": "A request needs exactly one Host header.\n",
    "unknown_origin": "Only the preview's own pages may open the live-reload channel.\n",
    "not_websocket": "WebSocket handshake expected\n",
    "not_found": "Not found\n",
    "overlong_path": "callboard: 404 for a path with a segment over {limit} bytes: {path}",
}
