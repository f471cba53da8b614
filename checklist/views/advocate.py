"""The advocate's screens: sign-up, their guides, versions, sharing, import (the draft editor
is in editor.py).

Every advocate view, here and in editor.py, gets its guide through `access.py`, which returns
the guide (or its draft) only to its owner and raises 404 for everyone else, so another
advocate's guide looks the same as one that does not exist.
"""

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from checklist.access import (
    get_draft_for_owner,
    get_guide_for_owner,
    get_unlocked_guide_for_owner,
)
from checklist.forms import (
    GuideDetailsForm,
    ImportForm,
    PublishForm,
    SignUpForm,
    TranslationForm,
    VisibilityForm,
)
from checklist.fragments import Folds
from checklist.guide_format import (
    GuideFormatError,
    export_version,
    import_version,
    parse,
    publish_problems,
)
from checklist.limits import over_limit
from checklist.models import Guide, GuideVersion, Visibility
from checklist.tasks import send_password_reset


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache  # after an error the page holds the passwords as typed
@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and over_limit(request, "signup"):
        form.add_error(
            None, _("Too many accounts were made from your network just now. Please wait a while.")
        )
    elif request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to AskFirst. You can write your first guide now."))
        return redirect("checklist:advocate_home")
    return render(request, "registration/signup.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page; the mail is sent by a task (tasks.send_password_reset)."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        request = self.request
        send_password_reset.enqueue(
            form.cleaned_data["email"], request.get_host(), request.is_secure()
        )
        return HttpResponseRedirect(self.get_success_url())


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    guides = (
        Guide.objects.filter(owner_id=request.user.pk)
        .annotate(
            started=Count("versions__checklists"),
            latest=Max("versions__number"),
            live=Max("versions__number", filter=Q(versions__is_published=True)),
            title=Subquery(
                GuideVersion.objects.filter(guide=OuterRef("pk"))
                .order_by("-number")
                .values("title")[:1]
            ),
        )
        .order_by("-created")
    )
    return render(request, "advocate/home.html", {"guides": guides})


def _create_guide(request: HttpRequest, wanted_slug: str, **based_on: str) -> Guide:
    return Guide.objects.create(
        slug=Guide.free_slug(wanted_slug),
        owner_id=request.user.pk,
        visibility=Visibility.PRIVATE,
        **based_on,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def new_guide(request: HttpRequest) -> HttpResponse:
    """Start a guide from scratch, or pick a public guide to copy."""
    initial = {"language": "en", "author": request.user.get_username()}
    form = GuideDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            guide = _create_guide(request, form.cleaned_data["title"])
            form.instance.guide, form.instance.number = guide, 1
            form.save()
        return redirect("checklist:advocate_edit", slug=guide.slug)
    copyable = GuideVersion.objects.current().listed().select_related("guide")
    return render(
        request, "advocate/new.html", {"form": form, "versions": copyable.order_by("title")}
    )


@require_POST
@login_required
def copy_guide(request: HttpRequest, slug: str) -> HttpResponse:
    """Copy the latest published version of a public or built-in guide as a new draft."""
    source = get_object_or_404(GuideVersion.objects.current().listed(), guide__slug=slug)
    data = export_version(source)
    with transaction.atomic():
        guide = _create_guide(
            request,
            source.title,
            based_on_title=source.title,
            based_on_author=source.author,
        )
        import_version(data | {"slug": guide.slug, "change_note": ""}, guide, publish=False)
    messages.success(request, _("Your copy is ready. Change anything you like, then publish it."))
    return redirect("checklist:advocate_edit", slug=guide.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def translate_guide(request: HttpRequest, slug: str) -> HttpResponse:
    """Start a translation of one of the advocate's own published guides: a copy with the
    same keys in another language, which the editor shows item beside item with the
    original, so families' answers line up between the two."""
    guide = get_unlocked_guide_for_owner(request, slug)
    original = guide.translates or guide
    source = original.latest_published()
    if source is None:
        raise Http404
    taken = dict(
        GuideVersion.objects.filter(guide__in=original.translation_family())
        .order_by("number")
        .values_list("language", "title")
    )
    form = TranslationForm(request.POST if request.method == "POST" else None, taken=taken)
    if request.method == "POST" and form.is_valid():
        written = form.cleaned_data
        with transaction.atomic():
            translation = _create_guide(request, written["title"])
            import_version(
                export_version(source)
                | {
                    "slug": translation.slug,
                    "title": written["title"],
                    "language": written["language"],
                    "translates": original.slug,
                    "change_note": "",
                },
                translation,
                publish=False,
            )
        messages.success(
            request,
            _("Your translation is started. Each question shows the original beside it."),
        )
        return redirect("checklist:advocate_edit", slug=translation.slug)
    return render(
        request, "advocate/translate.html", {"guide": guide, "source": source, "form": form}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def import_guide(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid() and over_limit(request, "import"):
        errors = [
            _("Too many files were imported from your network just now. Please wait a while.")
        ]
    elif request.method == "POST" and form.is_valid():
        try:
            data = parse(form.cleaned_data["file"].read())
            with transaction.atomic():
                guide = _create_guide(request, data["slug"])
                import_version(data | {"slug": guide.slug}, guide, publish=False)
        except GuideFormatError as e:
            errors = e.errors
        else:
            messages.success(
                request, _("The guide is imported as a draft. Check it, then publish it.")
            )
            return redirect("checklist:advocate_edit", slug=guide.slug)
    return render(request, "advocate/import.html", {"form": form, "errors": errors})


@require_safe
@login_required
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    """One guide: its versions with how many checklists each started, sharing, publishing."""
    guide = get_guide_for_owner(request, slug)
    return _guide_page(request, guide, PublishForm(instance=guide))


def _guide_page(
    request: HttpRequest,
    guide: Guide,
    publish_form: PublishForm,
    publish_errors: Sequence[str] = (),
) -> HttpResponse:
    return render(
        request,
        "advocate/guide.html",
        {
            "guide": guide,
            "versions": guide.versions.annotate(started=Count("checklists")).order_by("-number"),
            "draft": guide.draft(),
            "published": guide.latest_published(),
            "visibility_form": VisibilityForm(instance=guide, auto_id="who_%s"),
            "publish_form": publish_form,
            "publish_errors": publish_errors,
            "translations": [
                (other, other.versions.order_by("-number").first())
                for other in guide.translation_family().exclude(pk=guide.pk).order_by("created")
            ],
            "can_translate": (guide.translates or guide).latest_published() is not None,
        },
        status=400 if publish_errors or publish_form.errors else 200,
    )


@require_POST
@login_required
def visibility(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_unlocked_guide_for_owner(request, slug)
    form = VisibilityForm(request.POST, instance=guide)
    if form.is_valid():
        if not guide.show_to(form.cleaned_data["visibility"]):
            raise Http404
        messages.success(
            request, _("Saved: %(choice)s") % {"choice": guide.get_visibility_display()}
        )
    else:
        messages.error(request, " ".join(map(str, form.errors.get("visibility", []))))
    return redirect("checklist:advocate_guide", slug=slug)


@require_POST
@login_required
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    draft = get_draft_for_owner(request, slug)
    form = PublishForm(request.POST, instance=draft.guide)
    errors = publish_problems(draft)
    if form.is_valid() and not errors:
        guide = draft.guide
        with transaction.atomic():
            if not guide.show_to(form.cleaned_data["visibility"]):
                raise Http404
            draft.publish(form.cleaned_data["change_note"])
        messages.success(
            request,
            _("Version %(n)s is published. Who can see it: %(who)s.")
            % {"n": draft.number, "who": guide.get_visibility_display()},
        )
        return redirect("checklist:advocate_guide", slug=slug)
    # The form saved nothing, but a ModelForm's is_valid() writes into the instance.
    draft.guide.refresh_from_db()
    return _guide_page(request, draft.guide, form, errors)


@require_POST
@login_required
def new_draft(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the next version: a copy of the latest published one, keys and all."""
    guide = get_unlocked_guide_for_owner(request, slug)
    if guide.draft() is None:
        latest = guide.latest_published()
        if latest is None:
            raise Http404
        import_version(export_version(latest) | {"change_note": ""}, guide, publish=False)
    return redirect("checklist:advocate_edit", slug=slug)


@require_safe
@login_required
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The draft (or, without one, the latest version) as a family will see it, at full
    width or as wide as a phone (`?size=phone`)."""
    guide = get_guide_for_owner(request, slug)
    version = guide.draft() or guide.latest_published()
    if version is None:
        raise Http404
    questions = list(version.questions.order_by("section__position", "position"))
    sections = [
        (section, [q for q in questions if q.section_id == section.pk])
        for section in version.sections.all()
    ]
    return render(
        request,
        "advocate/preview.html",
        {
            "guide": guide,
            "version": version,
            "sections": sections,
            "folds": Folds(version),
            "guide_language": version.language,
            "phone": request.GET.get("size") == "phone",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def delete_guide(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_unlocked_guide_for_owner(request, slug)
    in_use = GuideVersion.objects.filter(guide=guide, checklists__isnull=False).exists()
    if request.method == "POST" and not in_use:
        guide.delete()
        messages.success(request, _("The guide is deleted."))
        return redirect("checklist:advocate_home")
    return render(request, "advocate/delete.html", {"guide": guide, "in_use": in_use})
