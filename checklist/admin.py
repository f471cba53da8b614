from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from checklist.models import Guide, GuideVersion, Report, Visibility


class VersionInline(admin.TabularInline[GuideVersion, Guide]):
    model = GuideVersion
    fields = ("number", "title", "author", "language", "is_published", "published", "change_note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Guide | None = None) -> bool:
        return False


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin[Guide]):
    list_display = [
        "slug",
        "owner",
        "visibility",
        "unlisted_by_moderator",
        "is_locked",
        "is_builtin",
        "created",
    ]
    list_filter = ["visibility", "unlisted_by_moderator", "is_locked", "is_builtin"]
    search_fields = ["slug", "owner__username", "versions__title"]
    readonly_fields = [
        "slug",
        "owner",
        "is_builtin",
        "based_on_title",
        "based_on_author",
        "translates",
        "created",
    ]
    inlines = [VersionInline]
    actions = ["unlist", "lock", "unlock"]

    @admin.action(description=_("Unlist: out of the gallery for good (the link still works)"))
    def unlist(self, request: HttpRequest, queryset: QuerySet[Guide]) -> None:
        queryset.filter(visibility=Visibility.PUBLIC).update(visibility=Visibility.UNLISTED)
        count = queryset.update(unlisted_by_moderator=True)
        self.message_user(request, _("%(n)d guides unlisted.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Lock: nobody can start, copy, change, share or delete it"))
    def lock(self, request: HttpRequest, queryset: QuerySet[Guide]) -> None:
        count = queryset.update(is_locked=True)
        self.message_user(request, _("%(n)d guides locked.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Unlock: its owner may change, list and delete it again"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[Guide]) -> None:
        count = queryset.update(is_locked=False, unlisted_by_moderator=False)
        self.message_user(request, _("%(n)d guides unlocked.") % {"n": count}, messages.SUCCESS)


@admin.register(GuideVersion)
class GuideVersionAdmin(admin.ModelAdmin[GuideVersion]):
    """Read only: a published version never changes, and drafts belong to their advocate."""

    list_display = ["guide", "number", "title", "author", "language", "is_published", "published"]
    list_filter = ["is_published", "language"]
    search_fields = ["title", "author", "guide__slug"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: GuideVersion | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: GuideVersion | None = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ["guide_slug", "guide_title", "reason", "created", "is_handled", "contact"]
    list_filter = ["is_handled", "created"]
    search_fields = ["guide_slug", "guide_title", "reason"]
    # The guide itself, while it exists; its slug and title stay after its owner deletes it.
    readonly_fields = ["guide", "guide_slug", "guide_title", "reason", "contact", "created"]
    list_editable = ["is_handled"]
