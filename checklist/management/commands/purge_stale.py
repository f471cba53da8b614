from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from checklist.models import Checklist


class Command(BaseCommand):
    help = "Delete checklists nobody has changed for a while (ASKFIRST_STALE_MONTHS, default 12)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months", type=int, default=settings.ASKFIRST_STALE_MONTHS)

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(days=30 * options["months"])
        _, by_model = Checklist.objects.filter(updated__lt=cutoff).delete()
        count = by_model.get("checklist.Checklist", 0)
        self.stdout.write(f"Deleted {count} checklist(s) unchanged since {cutoff:%Y-%m-%d}.")
