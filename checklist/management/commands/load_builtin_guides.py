import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from checklist.guide_format import GuideFormatError, content_hash, import_version
from checklist.models import BUILTIN_DATA, Guide, Visibility

DATA_DIR = BUILTIN_DATA


class Command(BaseCommand):
    help = "Load the built-in guides from checklist/data/. Loading them again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        files = [
            (path, json.loads(path.read_text(encoding="utf-8"))) for path in DATA_DIR.glob("*.json")
        ]
        # Originals first: a translation is linked to a guide that is already there.
        for path, data in sorted(files, key=lambda pair: ("translates" in pair[1], pair[0].name)):
            with transaction.atomic():
                guide, _ = Guide.objects.get_or_create(
                    slug=data["slug"],
                    defaults={"is_builtin": True, "visibility": Visibility.PUBLIC},
                )
                if not guide.is_builtin:
                    raise CommandError(
                        f"{path.name}: the address /g/{guide.slug}/ belongs to an advocate's "
                        "guide. Give that guide another slug (in the admin), then load again."
                    )
                latest = guide.versions.order_by("-number").first()
                if latest and latest.content_hash == content_hash(data):
                    if options["verbosity"]:
                        self.stdout.write(f"{path.name}: up to date (version {latest.number})")
                    continue
                try:
                    version = import_version(data, guide, keep_number=True)
                except GuideFormatError as e:
                    raise CommandError(f"{path.name}:\n  " + "\n  ".join(e.errors)) from None
            if options["verbosity"]:
                self.stdout.write(f"{path.name}: loaded as version {version.number}")
