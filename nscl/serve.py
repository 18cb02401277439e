"""`nscl-app`: serve the dashboard from wherever the package is installed (a wheel carries
app.py, pages/ and .streamlit/config.toml as nscl.site). Extra arguments go to `streamlit run`,
e.g. `nscl-app --server.port 8502`; the app's settings come from the environment (nscl.settings).
What the app writes (database, accounts, uploads) goes to the working directory."""
from __future__ import annotations

import os
import sys
import tomllib

from .settings import SITE_DIR, Settings


def config_flags() -> list[str]:
    """The site's .streamlit/config.toml as command-line flags: Streamlit reads that file only
    from the working directory, which for an installed copy is the user's, not the package's."""
    path = SITE_DIR / ".streamlit" / "config.toml"
    if not path.exists():
        return []
    flags = []
    for section, options in tomllib.loads(path.read_text(encoding="utf-8")).items():
        for key, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags += [f"--{section}.{key}", text]
    return flags


def command(extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(SITE_DIR / "app.py"), *config_flags(), *extra]


def proxy_environment(settings: Settings) -> dict[str, str]:
    """Streamlit's server (uvicorn) believes X-Forwarded-For from the addresses in
    FORWARDED_ALLOW_IPS (loopback when unset): the same proxies as the app's NSCL_TRUSTED_PROXIES,
    so the address the app sees is resolved once, by one rule (nscl/sources.py)."""
    return {"FORWARDED_ALLOW_IPS": settings.trusted_proxies}


def main(argv: list[str] | None = None) -> None:
    args = command(sys.argv[1:] if argv is None else argv)
    os.environ.update(proxy_environment(Settings.from_env()))
    os.execv(args[0], args)
