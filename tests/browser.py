"""How the browser tests and the benchmarks start Chromium (the Debian package, never a
downloaded one). Without the background-networking flags, Chromium keeps trying to reach
Google's servers, which a closed network refuses."""

import os

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
