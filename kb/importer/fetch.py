"""An interview from a web address: http and https only, at most 20 MB in at most 10 seconds,
never from a private, loopback, link-local or multicast network (unless the host is listed as
allowed), every redirect checked the same way.

The address is resolved once and the connection made to the checked address, so a name that
resolves differently a moment later cannot lead elsewhere.
"""

import ipaddress
import socket
import ssl
import time
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3

from .reading import MAX_BYTES, MAX_SIZE_LABEL, ImportProblem

MAX_SECONDS = 10.0
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024
HEADERS = {
    "User-Agent": "kb-interview-importer/1.0",
    "Accept": "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,*/*;q=0.5",
}
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Fetched:
    data: bytes
    url: str
    filename: str


def fetch(url, *, allowed_hosts=(), max_seconds=MAX_SECONDS, max_bytes=MAX_BYTES):
    """The document at `url`, following checked redirects; ImportProblem when refused."""
    deadline = time.monotonic() + max_seconds
    allowed = {host.lower() for host in allowed_hosts}
    for _ in range(MAX_REDIRECTS + 1):
        target = checked_address(url, allowed)
        response = request(url, target, deadline)
        try:
            if response.status in REDIRECTS and response.headers.get("Location"):
                url = urljoin(url, response.headers["Location"])
                continue
            if response.status != 200:
                raise ImportProblem(
                    f"The address answered with HTTP {response.status}; nothing was imported."
                )
            data = body_of(response, deadline, max_bytes)
            return Fetched(data, url, filename_for(url, response.headers.get("Content-Type", "")))
        finally:
            response.release_conn()
    raise ImportProblem(f"The address redirected more than {MAX_REDIRECTS} times.")


def checked_address(url, allowed):
    """The IP address to connect to for `url`, after every check."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ImportProblem("Only http:// and https:// addresses can be imported.")
    host = parts.hostname
    if not host:
        raise ImportProblem("This is not a complete web address.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ImportProblem("The address has an invalid port number.") from None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ImportProblem(f"The host \u201c{host}\u201d was not found.") from None
    addresses = [info[4][0] for info in infos]
    if host.lower() not in allowed:
        for address in addresses:
            if is_internal(address):
                raise ImportProblem(
                    f"The address {host} leads to a private or local network "
                    f"({address}); such addresses are not imported."
                )
    return addresses[0], port


def is_internal(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def request(url, target, deadline):
    parts = urlsplit(url)
    address, port = target
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise took_too_long("answer")
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            ssl_context=ssl.create_default_context(),
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    with network_problems_said("answer"):
        return pool.urlopen(
            "GET",
            path,
            headers={**HEADERS, "Host": host_header},
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )


def took_too_long(to_do):
    return ImportProblem(f"The address took longer than {MAX_SECONDS:.0f} seconds to {to_do}.")


@contextmanager
def network_problems_said(to_do):
    """The network's failures while the address was to `to_do` ("answer", "send the page"),
    as ImportProblems an editor can read."""
    try:
        yield
    except urllib3.exceptions.TimeoutError:
        raise took_too_long(to_do) from None
    except urllib3.exceptions.HTTPError as error:
        raise ImportProblem(f"The address could not be read ({type(error).__name__}).") from None


def body_of(response, deadline, max_bytes):
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large()
    chunks, size = [], 0
    with network_problems_said("send the page"):
        for chunk in response.stream(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise too_large()
            if time.monotonic() > deadline:
                raise took_too_long("send the page")
            chunks.append(chunk)
    return b"".join(chunks)


def too_large():
    return ImportProblem(f"The page is larger than {MAX_SIZE_LABEL}; it was not imported.")


def filename_for(url, content_type):
    """A file name that tells the parser the format: the content type decides."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in HTML_TYPES:
        return "page.html"
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return name if "." in name else "page.txt"
