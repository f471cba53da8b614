import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Run the background worker (PDFs, mail) at the lowest CPU priority. Takes the "
        "options of django-tasks-db's db_worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("worker_args", nargs="*", help="passed on to db_worker")

    def handle(self, *args: Any, **options: Any) -> None:
        # A PDF keeps a CPU busy for seconds. The web workers must get it the moment a family
        # saves an answer: the worker runs only on time they leave free (Linux's SCHED_IDLE),
        # and elsewhere at the lowest nice level.
        os.nice(19 - os.nice(0))
        if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        call_command("db_worker", *options["worker_args"])
