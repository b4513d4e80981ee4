"""Where the app may send a browser back to after logging in or switching language."""

from urllib.parse import urlsplit


def same_site_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None.

    Browsers drop tabs and newlines from a URL and treat a backslash as a slash, so
    `/\\t/evil.example` becomes `//evil.example`, another site: refuse every control
    character and backslash before looking at the parsed URL. A CR/LF would also break the
    Location header.
    """
    if not target or not target.isprintable() or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return target
