import functools
import json
import re
from pathlib import Path
from typing import Any, Self

from anyascii import anyascii
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from checklist import registries
from checklist.costs import Quote
from checklist.registries import Registration
from checklist.tokens import hash_token, make_token
from checklist.validators import multi_line, no_markup, plausible_date, single_line

# The guide a family starts from the landing page.
BUILTIN_SLUG = "stem-cells-cp"

# Length limits shared by the models, the forms and the guide exchange format.
QUESTION_MAX = 300
NOTE_MAX = 1000
ANSWER_MAX = 4000


# The most questions a family may write into one checklist. A section page without
# JavaScript posts every question it shows at once: settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
# is sized for a section of 50 guide questions (the format's most) and this many.
MAX_OWN_QUESTIONS = 50


# The built-in guides' files (loaded by `manage.py load_builtin_guides`).
BUILTIN_DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def builtin_slugs() -> frozenset[str]:
    """The addresses of the built-in guides, loaded or not yet: never given to another guide."""
    return frozenset(
        json.loads(path.read_text(encoding="utf-8"))["slug"] for path in BUILTIN_DATA.glob("*.json")
    )


class FrozenVersionError(Exception):
    """Raised on any attempt to change what a published version holds."""


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only you")
    UNLISTED = "unlisted", _("Anyone with the link")
    PUBLIC = "public", _("Everyone: listed in the guide gallery")


class GuideQuerySet(models.QuerySet["Guide"]):
    def open_to(self, user: AbstractBaseUser | AnonymousUser | None) -> Self:
        """Guides this person may open and start: public, unlisted or built-in ones, and
        their own private ones; a guide a moderator locked is for nobody."""
        mine = Q(owner_id=user.pk) if user is not None and user.pk is not None else Q(pk=None)
        shared = Q(is_builtin=True) | ~Q(visibility=Visibility.PRIVATE)
        return self.filter(shared | mine, is_locked=False)

    def listed(self) -> Self:
        """Guides in the gallery (and offered to copy): public or built-in, not locked."""
        return self.filter(Q(is_builtin=True) | Q(visibility=Visibility.PUBLIC), is_locked=False)


class Guide(models.Model):
    """A question guide. What families see lives in its versions."""

    slug = models.SlugField(max_length=60, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="guides"
    )
    is_builtin = models.BooleanField(default=False)
    visibility = models.CharField(
        _("Who can see it"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    # Set by moderators. A locked guide cannot be started, copied, changed, shared otherwise
    # or deleted: it stays as they left it. One they unlisted cannot be made public again by
    # its owner. "Unlock" clears both.
    is_locked = models.BooleanField(_("locked"), default=False)
    unlisted_by_moderator = models.BooleanField(_("kept out of the gallery"), default=False)
    # The guide this one translates (same item keys, so answers line up between them).
    translates = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="translations"
    )
    # Kept as text, so the credit stays even if the original guide is deleted.
    based_on_title = models.CharField(max_length=200, blank=True, validators=[single_line])
    based_on_author = models.CharField(max_length=200, blank=True, validators=[single_line])
    created = models.DateTimeField(auto_now_add=True)

    objects = GuideQuerySet.as_manager()

    def __str__(self) -> str:
        return self.slug

    @classmethod
    def free_slug(cls, wanted: str) -> str:
        """`wanted` made into a slug no guide has yet (a number added if it is taken)."""
        # The exchange format allows only a-z, 0-9 and single hyphens: a title in another
        # script is spelled in Latin letters first ("دليل" -> "dlyl", "干细胞" -> "ganxibao").
        ascii_title = anyascii(wanted).lower()
        base = re.sub(r"[^a-z0-9]+", "-", slugify(ascii_title))[:50].strip("-") or "guide"
        if len(base) < 3:
            base = f"guide-{base}"
        slug, n = base, 1
        while slug in builtin_slugs() or cls.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def latest_published(self) -> "GuideVersion | None":
        return self.versions.filter(is_published=True).order_by("-number").first()

    @cached_property
    def newest(self) -> "GuideVersion | None":
        """The draft if there is one, else the latest published version."""
        return self.versions.order_by("-number").first()

    @property
    def name(self) -> str:
        """What the advocate's pages call the guide: its newest version's title."""
        return self.newest.title if self.newest else self.slug

    def show_to(self, visibility: str) -> bool:
        """Set who can see the guide, unless the moderators locked it in the meantime (or
        took it out of the gallery, for everyone). Only that column is written, so what a
        moderator changed during the request stays. False if nothing was changed."""
        allowed = Guide.objects.filter(pk=self.pk, is_locked=False)
        if visibility == Visibility.PUBLIC:
            allowed = allowed.filter(unlisted_by_moderator=False)
        if not allowed.update(visibility=visibility):
            return False
        self.visibility = visibility
        return True

    def translation_family(self) -> "models.QuerySet[Guide]":
        """This guide, the guide it translates and that guide's other translations: the
        same items (same keys) in other languages."""
        original = self.translates_id or self.pk
        return Guide.objects.filter(Q(pk=original) | Q(translates_id=original))

    def draft(self) -> "GuideVersion | None":
        return self.versions.filter(is_published=False).order_by("-number").first()

    def original_version(self) -> "GuideVersion | None":
        """For a translation, the version of the guide it translates to write it from: the
        latest published one, else the draft (None for a guide that translates none)."""
        if self.translates is None:
            return None
        return self.translates.latest_published() or self.translates.draft()


class GuideVersionQuerySet(models.QuerySet["GuideVersion"]):
    def current(self) -> Self:
        """The latest published version of each guide."""
        newest = (
            GuideVersion.objects.filter(guide=OuterRef("guide"), is_published=True)
            .order_by("-number")
            .values("number")[:1]
        )
        return self.filter(is_published=True, number=Subquery(newest))

    def open_to(self, user: AbstractBaseUser | AnonymousUser | None) -> Self:
        return self.filter(guide__in=Guide.objects.open_to(user))

    def in_language(self, language: str) -> "GuideVersion | None":
        """Of these versions, the one in `language` ("es" also finds "es-MX")."""
        wanted = language.lower().split("-")[0]
        return next((v for v in self if v.language.lower().split("-")[0] == wanted), None)

    def listed(self) -> Self:
        return self.filter(guide__in=Guide.objects.listed())


class GuideVersion(models.Model):
    """One version of a guide. A published version never changes again."""

    guide = models.ForeignKey(Guide, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    is_published = models.BooleanField(default=False)
    published = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=200, validators=[single_line, no_markup])
    description = models.TextField(max_length=NOTE_MAX, validators=[multi_line, no_markup])
    audience = models.CharField(max_length=300, blank=True, validators=[single_line, no_markup])
    language = models.CharField(max_length=35, default="en", validators=[single_line])
    author = models.CharField(max_length=200, validators=[single_line, no_markup])
    change_note = models.CharField(max_length=500, blank=True, validators=[single_line, no_markup])
    # What a family needs to judge the guide itself (IPDAS): how current it is, who wrote and
    # checked it, who pays, and how it is kept up to date.
    evidence_checked = models.DateField(
        _("Evidence last checked"), null=True, blank=True, validators=[plausible_date]
    )
    contributors = models.JSONField(_("Authors and reviewers"), default=list, blank=True)
    funding = models.TextField(
        _("Funding"), max_length=NOTE_MAX, blank=True, validators=[multi_line, no_markup]
    )
    conflicts_of_interest = models.TextField(
        _("Conflicts of interest"),
        max_length=NOTE_MAX,
        blank=True,
        validators=[multi_line, no_markup],
    )
    update_policy = models.TextField(
        _("How the guide is kept up to date"),
        max_length=NOTE_MAX,
        blank=True,
        validators=[multi_line, no_markup],
    )
    # sha256 of the exchange-format JSON this version was loaded from, so reloading the same
    # file is a no-op and a changed file makes a new version.
    content_hash = models.CharField(max_length=64, blank=True)

    objects = GuideVersionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.guide.slug} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk and GuideVersion.objects.filter(pk=self.pk, is_published=True).exists():
            raise FrozenVersionError(f"{self} is published and cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_published:
            raise FrozenVersionError(f"{self} is published and cannot be deleted")
        return super().delete(*args, **kwargs)

    def translations(self) -> list["GuideVersion"]:
        """The current versions of this guide's other languages (the guide it translates,
        and that guide's translations), for a bilingual printout; locked ones left out."""
        family = self.guide.translation_family().exclude(pk=self.guide_id).filter(is_locked=False)
        return list(GuideVersion.objects.current().filter(guide__in=family).order_by("language"))

    def contributors_as(self, role: str) -> list[dict[str, str]]:
        return [c for c in self.contributors if c.get("role") == role]

    @property
    def reviewers(self) -> list[dict[str, str]]:
        return self.contributors_as("reviewer")

    @property
    def translators(self) -> list[dict[str, str]]:
        return self.contributors_as("translator")

    @property
    def authors(self) -> list[dict[str, str]]:
        return self.contributors_as("author")

    def next_position(self, items: "models.QuerySet[Any]") -> int:
        """The position after the last of `items` (this version's sections, a section's
        questions, or sources), for an append inside `transaction.atomic()`.

        Locks this version's row until the transaction ends, so two appends at once queue
        instead of both taking the same position (for sections, a unique constraint: a 500).
        SQLite has no row locks, but its transactions already take the write lock at BEGIN.
        """
        list(GuideVersion.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
        return (items.aggregate(n=Max("position"))["n"] or 0) + 1

    def publish(self, change_note: str | None = None) -> None:
        """Make this draft the guide's newest published version; it never changes again.

        The caller checks first that the draft is a valid guide (guide_format.validate).
        """
        if change_note is not None:
            self.change_note = change_note
        self.is_published = True
        self.published = timezone.now()
        self.save()


class DraftContent(models.Model):
    """What a version holds: it may change only while the version is a draft."""

    version_id: int

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_published()
        return super().delete(*args, **kwargs)

    def _refuse_if_published(self) -> None:
        if GuideVersion.objects.filter(pk=self.version_id, is_published=True).exists():
            raise FrozenVersionError(f"version {self.version_id} is published and cannot change")


class SourceKind(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence: a study or a review")
    REGULATOR = "regulator", _("A regulator")
    PROFESSIONAL = "professional", _("A professional or scientific body")
    # Shown apart, as "What clinics say", never among the sources a question rests on.
    CLAIM = "claim", _("The claim being checked: a clinic's own words")


class Source(DraftContent):
    version = models.ForeignKey(GuideVersion, models.CASCADE, related_name="sources")
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=40, validators=[single_line])
    kind = models.CharField(
        _("Kind of source"), max_length=20, choices=SourceKind.choices, default=SourceKind.EVIDENCE
    )
    citation = models.CharField(max_length=500, validators=[single_line, no_markup])
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_source_key")]

    def __str__(self) -> str:
        return self.key


class Section(DraftContent):
    version = models.ForeignKey(GuideVersion, models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=200, validators=[single_line, no_markup])
    intro = models.TextField(max_length=NOTE_MAX, blank=True, validators=[multi_line, no_markup])

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_section_key"),
            models.UniqueConstraint(fields=["version", "position"], name="unique_section_position"),
        ]

    def __str__(self) -> str:
        return self.title


class ItemKind(models.TextChoices):
    CLINIC = "clinic", _("A question for the clinic")
    # No clinic answer and no rating: a "done" tick and the family's own note.
    FAMILY = "family", _("An item for the family itself")


class AnswerFormat(models.TextChoices):
    TEXT = "text", _("Plain text")
    COSTS = "costs", _("Costs: amounts, currency and what each covers")
    TRIAL = "trial-registration", _("A trial registration number")


# A question's parts as the editor names them, and what a question for the clinic needs
# before its guide can be published: the form and the check that blocks publishing say the
# same words (guide_format.publish_problems).
QUESTION_LABELS = {
    "text": _("Question"),
    "why": _("Why ask"),
    "clear_answer": _("A clear answer"),
    "warning_signs": _("Warning signs"),
    "clinic_claim": _("What clinics say"),
    "sources": _("Sources"),
    "core": _("Ask first"),
}
NEEDED_TO_PUBLISH = {
    "why": _("Needed to publish: why a family should ask this, in a sentence or two."),
    "clear_answer": _("Needed to publish a question for the clinic."),
    "warning_signs": _("Needed to publish a question for the clinic."),
    "sources": _("Needed to publish: at least one source that is not a clinic's claim."),
}


class Question(DraftContent):
    """An item of a guide: a question for the clinic, or an item for the family. Its key
    stays the same from version to version of a guide, and across its translations."""

    version = models.ForeignKey(GuideVersion, models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    key = models.SlugField(max_length=60)
    kind = models.CharField(
        _("Kind"), max_length=10, choices=ItemKind.choices, default=ItemKind.CLINIC
    )
    # In the short set a family with ten minutes asks first (the one a checklist starts with).
    core = models.BooleanField(_("Ask first"), default=False)
    answer_format = models.CharField(
        _("Kind of answer"), max_length=20, choices=AnswerFormat.choices, default=AnswerFormat.TEXT
    )
    text = models.CharField(max_length=QUESTION_MAX, validators=[multi_line, no_markup])
    why = models.TextField(max_length=NOTE_MAX, validators=[multi_line, no_markup])
    clear_answer = models.TextField(
        max_length=NOTE_MAX, blank=True, validators=[multi_line, no_markup]
    )
    warning_signs = models.TextField(
        max_length=NOTE_MAX, blank=True, validators=[multi_line, no_markup]
    )
    clinic_claim = models.TextField(
        _("What clinics say"), max_length=NOTE_MAX, blank=True, validators=[multi_line, no_markup]
    )
    source_keys = models.JSONField(default=list)
    # Keys of earlier versions' questions merged into this one: their answers move here.
    replaces = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_question_key")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_family_item(self) -> bool:
        return self.kind == ItemKind.FAMILY

    def cited(self, sources: dict[str, "Source"]) -> list["Source"]:
        """This question's sources in its order, from its version's sources by key."""
        return [sources[k] for k in self.source_keys if k in sources]


class GlossaryTerm(DraftContent):
    """A word a parent meets in the guide, explained where it appears."""

    version = models.ForeignKey(GuideVersion, models.CASCADE, related_name="glossary")
    position = models.PositiveIntegerField()
    key = models.SlugField(max_length=60)
    term = models.CharField(_("Term"), max_length=100, validators=[single_line, no_markup])
    # Other forms of the term found in the texts ("own cells" for "autologous").
    also = models.JSONField(_("Other forms"), default=list, blank=True)
    definition = models.TextField(
        _("Definition"), max_length=400, validators=[multi_line, no_markup]
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_glossary_key")
        ]

    def __str__(self) -> str:
        return self.term


class GuidePdf(models.Model):
    """The blank guide as PDF. A published version never changes, so each is rendered once
    (per paper size, interface language and print templates: `etag`) and kept."""

    version = models.ForeignKey(GuideVersion, models.CASCADE, related_name="pdfs")
    paper = models.CharField(max_length=10)
    language = models.CharField(max_length=35)
    etag = models.CharField(max_length=64)
    state = models.CharField(max_length=10)  # printouts.State: ready or too_long
    body = models.BinaryField(blank=True)
    pages = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "paper", "language"], name="one_pdf_per_guide_print"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} PDF ({self.paper}, {self.language})"


class PaperSize(models.TextChoices):
    A4 = "a4", _("A4")
    LETTER = "letter", _("US Letter")


class ChecklistManager(models.Manager["Checklist"]):
    @transaction.atomic
    def start(self, checklist: "Checklist", clinic: "Clinic") -> str:
        """Save a new checklist (its details filled in) for its first clinic, with an answer
        for every question of its version; return the token of its private link, which is
        stored only as a hash.

        Only the guide's core questions start chosen (all of them, in a guide that marks
        none): nobody asks 50 questions in one visit, and the family adds what they want.
        """
        token = make_token()
        checklist.token_hash = hash_token(token)
        checklist.save()
        clinic.checklist, clinic.position = checklist, 1
        clinic.save()
        checklist.clinic = clinic
        checklist.save(update_fields=["clinic"])
        questions = list(checklist.version.questions.all())
        has_core = any(q.core for q in questions)
        Answer.objects.bulk_create(
            Answer(
                checklist=checklist,
                clinic=clinic,
                section_id=q.section_id,
                question=q,
                position=q.position,
                included=q.core or not has_core or q.is_family_item,
            )
            for q in questions
        )
        return token

    def get_by_token(self, token: str) -> "Checklist":
        """The checklist a private link opens; raises Checklist.DoesNotExist."""
        return self.select_related("version__guide", "clinic").get(token_hash=hash_token(token))

    def held(self, tokens: list[str]) -> list[tuple[str, "Checklist"]]:
        """The checklists these private links still open, with their tokens, in the order
        given; a rotated or deleted link is left out."""
        by_hash = {hash_token(t): t for t in tokens}
        found = {
            c.token_hash: c
            for c in self.filter(token_hash__in=by_hash).select_related("version", "clinic")
        }
        return [(t, found[h]) for h, t in by_hash.items() if h in found]


# An answer the family chose to ask: their own questions count; items for the family itself
# are not questions for the clinic.
CHOSEN = Q(included=True) & (Q(question__isnull=True) | ~Q(question__kind=ItemKind.FAMILY))


class Checklist(models.Model):
    """A family's checklist, reached only through its private link (see tokens.py)."""

    token_hash = models.CharField(max_length=64, unique=True)
    version = models.ForeignKey(GuideVersion, models.PROTECT, related_name="checklists")
    child_name = models.CharField(
        _("Child's first name or nickname"), max_length=60, blank=True, validators=[single_line]
    )
    child_age = models.CharField(
        _("Child's age"), max_length=30, blank=True, validators=[single_line]
    )
    # The clinic whose answers the family's screens show and print now: one tap switches it
    # (a page already open keeps saving to the clinic it shows, see Answer.clinic).
    clinic = models.ForeignKey("Clinic", models.SET_NULL, null=True, blank=True, related_name="+")
    # How the family last chose to print. A blank paper size means "not chosen yet": the
    # browser's language decides until they choose (see views/printing.py).
    paper_size = models.CharField(
        _("Paper size"), max_length=10, choices=PaperSize.choices, blank=True
    )
    large_print = models.BooleanField(_("Large print"), default=False)
    print_why = models.BooleanField(_("Print why to ask and the warning signs"), default=False)
    print_notes = models.BooleanField(_("Print my private notes"), default=False)
    print_link_qr = models.BooleanField(_("Print a QR code to this checklist"), default=False)
    print_comments = models.BooleanField(
        _("Add the comments of the people who reviewed it"), default=False
    )
    print_names = models.BooleanField(
        _("Put the clinic's name in the file name and the PDF's title"), default=False
    )
    # The family's language for AskFirst's own words, on every device that opens the link
    # (set when it starts, changed with the language switch); blank: the browser's.
    language = models.CharField(max_length=35, blank=True)
    # The language of the clinic copy: one of the guide's translations, or both (see
    # printouts.py); blank: the guide's own.
    clinic_language = models.CharField(max_length=35, blank=True)
    print_both_languages = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ChecklistManager()

    def __str__(self) -> str:
        return f"Checklist {self.pk}"

    @cached_property
    def clinic_list(self) -> list["Clinic"]:
        """The family's clinics, read once for a page (its clinic bar and its links)."""
        return list(self.clinics.all())

    def current_answers(self) -> "models.QuerySet[Answer]":
        """The answers for the clinic the family's screens show now: every question once."""
        return self.answers.filter(clinic=self.clinic)

    def own_question_count(self) -> int:
        return self.current_answers().filter(question__isnull=True).count()

    @transaction.atomic
    def add_own_question(self, section: Section, text: str) -> "Answer | None":
        """Add a question the family wrote at the end of `section`, for every clinic, and
        return the current clinic's; None when the checklist already holds
        MAX_OWN_QUESTIONS. Its row is locked, so two tabs adding at once cannot pass the
        limit together."""
        list(Checklist.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
        if self.own_question_count() >= MAX_OWN_QUESTIONS:
            return None
        here = self.current_answers()
        last = here.filter(section=section).aggregate(n=Max("position"))["n"] or 0
        key = (self.answers.aggregate(n=Max("own_key"))["n"] or 0) + 1
        added = Answer.objects.bulk_create(
            Answer(
                checklist=self,
                clinic=clinic,
                section=section,
                own_question=text,
                own_key=key,
                position=last + 1,
            )
            for clinic in self.clinics.all()
        )
        return next(a for a in added if a.clinic_id == self.clinic_id)

    @transaction.atomic
    def add_clinic(self, clinic: "Clinic") -> None:
        """Add another clinic to compare, and make it the current one. It gets every
        question the family has, chosen and starred as they are; its answers start empty."""
        list(Checklist.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
        clinic.checklist = self
        clinic.position = (self.clinics.aggregate(n=Max("position"))["n"] or 0) + 1
        clinic.save()
        Answer.objects.bulk_create(
            Answer(
                checklist=self,
                clinic=clinic,
                **{name: getattr(a, name) for name in Answer.SHARED},
                **{
                    name: getattr(a, name)
                    for name in Answer.SHARED_BY_FAMILY_ITEMS
                    if a.is_for_family
                },
            )
            for a in self.current_answers().select_related("question", "section")
        )
        self.clinic = clinic
        self.save(update_fields=["clinic", "updated"])

    @transaction.atomic
    def remove_clinic(self, clinic: "Clinic") -> None:
        """Remove a clinic with its answers; the first one left becomes the current one."""
        list(Checklist.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
        removed = clinic.pk
        clinic.delete()
        if self.clinic_id in (None, removed):
            self.clinic = self.clinics.first()
            self.save(update_fields=["clinic", "updated"])

    def question_counts(self) -> tuple[int, int]:
        """`chosen_count()` and `own_question_count()`, in one query."""
        counts = self.current_answers().aggregate(
            chosen=Count("pk", filter=CHOSEN), own=Count("pk", filter=Q(question__isnull=True))
        )
        return counts["chosen"], counts["own"]

    def chosen_count(self) -> int:
        return self.current_answers().filter(CHOSEN).count()

    def rotate_link(self) -> str:
        """Give the checklist a new private link and return its token; the old link stops
        working at once."""
        token = make_token()
        self.token_hash = hash_token(token)
        self.save(update_fields=["token_hash", "updated"])
        return token


class Clinic(models.Model):
    """One clinic a family consults. Its answers, ratings and notes are its own; the questions
    the family chose, their stars and their own questions are the family's, for every clinic."""

    checklist = models.ForeignKey(Checklist, models.CASCADE, related_name="clinics")
    position = models.PositiveIntegerField()
    name = models.CharField(_("Clinic name"), max_length=120, blank=True, validators=[single_line])
    city = models.CharField(_("City"), max_length=80, blank=True, validators=[single_line])
    country = models.CharField(_("Country"), max_length=80, blank=True, validators=[single_line])
    appointment_date = models.DateField(
        _("Appointment date"), null=True, blank=True, validators=[plausible_date]
    )
    attendees = models.CharField(
        _("Who will attend"), max_length=200, blank=True, validators=[single_line]
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "position"], name="unique_clinic_position")
        ]

    def __str__(self) -> str:
        return f"Clinic {self.position} of checklist {self.checklist_id}"

    @property
    def label(self) -> str:
        """What the family's screens call it: its name, else "Clinic 2"."""
        return self.name or gettext("Clinic %(number)s") % {"number": self.position}


class Rating(models.TextChoices):
    NOT_ASKED = "not_asked", _("Not asked yet")
    # The clinic's answer is written down but not rated yet (set when the family types one).
    ANSWERED = "answered", _("Answered, not rated yet")
    CLEAR = "clear", _("Clear")
    PARTLY = "partly", _("Partly clear")
    VAGUE = "vague", _("Vague")
    REFUSED = "refused", _("Refused")
    LATER = "later", _("They will send it later")


class Answer(models.Model):
    """What the family records for one question: a guide question, or one they wrote.

    `revision` goes up by one on every change. A save names the revision it started from,
    so a save from another device that did not see the latest change is caught (see
    autosave.py) instead of silently overwriting it.
    """

    checklist = models.ForeignKey(Checklist, models.CASCADE, related_name="answers")
    # Whose answer it is. Every clinic of a checklist has one answer per question; what the
    # family chose (SHARED) is the same in all of them, see `share`.
    clinic = models.ForeignKey(Clinic, models.CASCADE, related_name="answers")
    section = models.ForeignKey(Section, models.PROTECT, related_name="+")
    question = models.ForeignKey(Question, models.PROTECT, null=True, blank=True, related_name="+")
    own_question = models.CharField(
        _("Your question"), max_length=QUESTION_MAX, blank=True, validators=[multi_line]
    )
    # The same number on each clinic's answer to one question the family wrote.
    own_key = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField()
    included = models.BooleanField(_("Ask this question"), default=True)
    starred = models.BooleanField(_("Top priority"), default=False)
    response = models.TextField(
        _("The clinic's answer"), max_length=ANSWER_MAX, blank=True, validators=[multi_line]
    )
    rating = models.CharField(
        _("How was the answer?"), max_length=10, choices=Rating.choices, default=Rating.NOT_ASKED
    )
    notes = models.TextField(
        _("Private notes"), max_length=ANSWER_MAX, blank=True, validators=[multi_line]
    )
    # For an item for the family ("what matters to us", "before you decide"): their tick.
    done = models.BooleanField(_("Done"), default=False)
    # The family heard one of the question's warning signs in the clinic's answer.
    warning_heard = models.BooleanField(_("I heard a warning sign here"), default=False)
    # For a question about costs: the prices the clinic named, part by part (costs.py).
    costs = models.JSONField(default=dict, blank=True)
    revision = models.PositiveIntegerField(default=1)
    # The page (one render in one browser tab) that made the last change: its own later saves
    # are never a conflict, even when a response was lost on the way back.
    page_render = models.CharField(max_length=32, blank=True)
    updated = models.DateTimeField(auto_now=True)

    # What the family chose is theirs, the same for every clinic; and for an item for the
    # family itself, their tick and note too.
    SHARED = ["section", "question", "own_question", "own_key", "position", "included", "starred"]
    SHARED_BY_FAMILY_ITEMS = ["done", "notes"]

    # The address of its section page, set by views that link to it.
    section_url: str
    # What reviewers said about it (ReviewComment), set by the review screen.
    comments: list["ReviewComment"]

    class Meta:
        ordering = ["section__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "question"],
                condition=Q(question__isnull=False),
                name="one_answer_per_question",
            ),
            models.UniqueConstraint(
                fields=["clinic", "own_key"],
                condition=Q(own_key__isnull=False),
                name="one_answer_per_own_question",
            ),
            models.CheckConstraint(
                condition=Q(question__isnull=False) | ~Q(own_question=""),
                name="own_question_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk}"

    @property
    def text(self) -> str:
        return self.question.text if self.question else self.own_question

    @property
    def is_own(self) -> bool:
        return self.question_id is None

    @property
    def is_for_family(self) -> bool:
        return self.question is not None and self.question.is_family_item

    @property
    def item_key(self) -> tuple[str, object]:
        """The same for each clinic's answer to one question."""
        return ("guide", self.question_id) if self.question_id else ("own", self.own_key)

    def twins(self) -> "models.QuerySet[Answer]":
        """The other clinics' answers to the same question."""
        same = Q(question_id=self.question_id) if self.question_id else Q(own_key=self.own_key)
        return Answer.objects.filter(same, checklist_id=self.checklist_id).exclude(pk=self.pk)

    def share(self, names: list[str]) -> None:
        """Give the other clinics' answers to this question what the family chose here, of
        `names`. A changed text moves their revision on, so a page open elsewhere that still
        shows the old text sees a conflict instead of saving over it."""
        shared = [
            n
            for n in names
            if n in self.SHARED or (self.is_for_family and n in self.SHARED_BY_FAMILY_ITEMS)
        ]
        if not shared:
            return
        changes: dict[str, Any] = {n: getattr(self, n) for n in shared}
        if {"own_question", "notes"} & set(shared):
            changes["revision"] = models.F("revision") + 1
        self.twins().update(**changes, updated=timezone.now())

    @property
    def quote(self) -> Quote | None:
        """For a question about costs, the prices written down (see costs.py); None for
        any other question."""
        if self.question is None or self.question.answer_format != AnswerFormat.COSTS:
            return None
        return Quote.from_stored(self.costs)

    @property
    def costs_as_typed(self) -> str:
        """The costs as the section page's fields show them, as JSON (for a page that
        takes this version over another device's)."""
        quote = self.quote
        return json.dumps(quote.as_fields()) if quote is not None else "{}"

    @property
    def trial_numbers(self) -> list[Registration] | None:
        """For a question whose answer is a trial registration number, the numbers the
        clinic's answer holds (see registries.py); None for any other question."""
        if self.question is None or self.question.answer_format != AnswerFormat.TRIAL:
            return None
        return registries.find(self.response)


class Report(models.Model):
    """A report about a guide, sent from its family page to the moderators.

    It outlives the guide: an owner may delete their guide (unless a moderator locked it),
    and the report then keeps the guide's slug and title as text.
    """

    guide = models.ForeignKey(Guide, models.SET_NULL, null=True, blank=True, related_name="reports")
    guide_slug = models.CharField(max_length=60, blank=True)
    guide_title = models.CharField(max_length=200, blank=True)
    reason = models.TextField(
        _("What is wrong with this guide?"), max_length=NOTE_MAX, validators=[multi_line]
    )
    contact = models.EmailField(_("Your email address"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    is_handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Report on {self.guide_slug}"


class ReviewLinkQuerySet(models.QuerySet["ReviewLink"]):
    def open(self) -> Self:
        """Links that still open: not revoked, not expired."""
        return self.filter(revoked__isnull=True, expires__gt=timezone.now())


class ReviewLink(models.Model):
    """A read-only link the family gives someone to review their checklist (their child's
    doctor, a therapist, an advocate) and leave comments. Like the private link it is a
    capability stored only as a hash; it opens nothing else."""

    checklist = models.ForeignKey(Checklist, models.CASCADE, related_name="review_links")
    token_hash = models.CharField(max_length=64, unique=True)
    reviewer = models.CharField(
        _("Who will review it"), max_length=120, validators=[single_line, no_markup]
    )
    show_notes = models.BooleanField(_("Show my private notes"), default=False)
    show_child = models.BooleanField(_("Show my child's name and age"), default=False)
    expires = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)
    last_opened = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Review link {self.pk} of checklist {self.checklist_id}"

    @property
    def is_open(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()


REVIEW_COMMENT_MAX = 2000


class ReviewComment(models.Model):
    """A reviewer's comment on one question (`answer`: the answer they commented beside), or
    their overall note (no answer). Plain text, shown as text."""

    link = models.ForeignKey(ReviewLink, models.CASCADE, related_name="comments")
    answer = models.ForeignKey(
        Answer, models.CASCADE, null=True, blank=True, related_name="review_comments"
    )
    name = models.CharField(_("Your name"), max_length=120, validators=[single_line])
    text = models.TextField(
        _("Your comment"), max_length=REVIEW_COMMENT_MAX, validators=[multi_line]
    )
    created = models.DateTimeField(auto_now_add=True)
    is_read = models.BooleanField(default=False)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"Comment {self.pk}"
