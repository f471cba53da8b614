"""Pages anyone can open: the landing page, what advocates can do, the guide gallery, each
guide's family page, its QR code and report form, and the guides in the exchange format."""

import io

import segno
from django.contrib import messages
from django.core.mail import mail_admins
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_cookie

from checklist import device
from checklist.access import get_builtin_version, get_open_version, no_store
from checklist.forms import GallerySearchForm, ReportForm
from checklist.guide_format import export_version
from checklist.limits import over_limit
from checklist.models import Checklist, GuideVersion
from checklist.qr import guide_link
from checklist.stats import MIN_CHECKLISTS_FOR_COUNTS

GALLERY_SIZE = 50


@require_safe
@vary_on_cookie
def landing(request: HttpRequest) -> HttpResponse:
    """Start a checklist; a device that has some is offered the one it changed last first."""
    version = get_builtin_version(request)
    held = Checklist.objects.held(device.tokens(request))
    latest = max(held, key=lambda row: row[1].updated, default=None)
    response = render(
        request,
        "checklist/landing.html",
        {"version": version, "latest": latest, "held": len(held)},
    )
    if latest is not None:
        no_store(response)  # it links to a private link
    return response


@require_safe
def for_advocates(request: HttpRequest) -> HttpResponse:
    """What an advocate's account is for, before they make one or sign in."""
    return render(request, "checklist/for_advocates.html", {"least": MIN_CHECKLISTS_FOR_COUNTS})


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico when they show something that is not a page of ours (a QR
    # code, a guide's JSON). Not permanent: the icon's name changes with its content.
    return redirect(static("icons/askfirst.svg"))


@require_safe
def guide_json(request: HttpRequest, slug: str) -> HttpResponse:
    version = get_open_version(request, slug)
    return JsonResponse(
        export_version(version), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )


@require_safe
def gallery(request: HttpRequest) -> HttpResponse:
    """Public guides, the built-in one first; search by words and by language."""
    listed = GuideVersion.objects.current().listed()
    languages = sorted(set(listed.values_list("language", flat=True)))
    form = GallerySearchForm(request.GET, languages=languages)
    versions = listed.select_related("guide")
    form.is_valid()  # what is valid of it searches: an unknown language leaves the words
    for word in form.cleaned_data.get("q", "").split()[:10]:
        versions = versions.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(audience__icontains=word)
            | Q(author__icontains=word)
        )
    if language := form.cleaned_data.get("language"):
        versions = versions.filter(language__iexact=language)
    current = list(versions.order_by("-guide__is_builtin", "title")[:GALLERY_SIZE])
    return render(
        request,
        "checklist/gallery.html",
        {
            "form": form,
            "versions": _with_translations(current, listed),
            "searched": bool(request.GET),
        },
    )


def _with_translations(
    versions: list[GuideVersion], offered: "QuerySet[GuideVersion]"
) -> list[tuple[GuideVersion, list[GuideVersion]]]:
    """Each version with the `offered` versions of the same guide in other languages (its
    translations, or the guide it translates and that one's other translations)."""

    def original(v: GuideVersion) -> int:
        return v.guide.translates_id or v.guide_id

    wanted = {original(v) for v in versions}
    family = Q(guide_id__in=wanted) | Q(guide__translates_id__in=wanted)
    others = list(offered.filter(family).select_related("guide").order_by("language"))
    return [
        (v, [w for w in others if original(w) == original(v) and w.pk != v.pk]) for v in versions
    ]


@require_safe
def guide_page(request: HttpRequest, slug: str) -> HttpResponse:
    """What a family sees first from a shared link or QR code."""
    version = get_open_version(request, slug)
    sections = list(version.sections.all())
    offered = GuideVersion.objects.current().open_to(request.user)
    [(_version, translations)] = _with_translations([version], offered)
    return render(
        request,
        "checklist/guide_page.html",
        {
            "version": version,
            "translations": translations,
            "guide": version.guide,
            "sections": sections,
            "question_count": version.questions.count(),
            "page_url": guide_link(request, slug),
        },
    )


@require_safe
def guide_qr(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The family page's address as a QR code, to print on a flyer."""
    version = get_open_version(request, slug)
    out = io.BytesIO()
    code = segno.make(guide_link(request, version.guide.slug), error="m")
    if kind == "svg":
        code.save(out, kind="svg", scale=8, border=4, title=version.title)
        content_type = "image/svg+xml"
    else:
        code.save(out, kind="png", scale=12, border=4)
        content_type = "image/png"
    response = HttpResponse(out.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="askfirst-{slug}-qr.{kind}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest, slug: str) -> HttpResponse:
    version = get_open_version(request, slug)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and over_limit(request, "report"):
        # Each report is mailed to the moderators: a flood of them must not reach their inbox.
        form.add_error(
            None, _("Many reports were sent from your network just now. Please wait a while.")
        )
    elif request.method == "POST" and form.is_valid():
        form.instance.guide = version.guide
        form.instance.guide_slug, form.instance.guide_title = slug, version.title
        saved = form.save()
        admin_url = reverse("admin:checklist_report_change", args=[saved.pk])
        mail_admins(
            f"Report about the guide {slug}",
            f"{saved.reason}\n\nFrom: {saved.contact or '(no address given)'}\n"
            f"Review it in the admin: {request.build_absolute_uri(admin_url)}",
        )
        messages.success(request, _("Thank you. The people who run AskFirst will look at it."))
        return redirect("checklist:guide_page", slug=slug)
    return render(
        request,
        "checklist/report.html",
        {"form": form, "version": version},
    )
