"""Settings for benchmarks: the app's own, plus a minimal view to measure against."""

from project.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
