"""What families did with each published version of an advocate's guide: counts only (see
checklist/stats.py for what is counted, and when)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from checklist.access import get_guide_for_owner
from checklist.stats import MIN_CHECKLISTS_FOR_COUNTS, version_counts


@require_safe
@login_required
def version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    guide = get_guide_for_owner(request, slug)
    published = get_object_or_404(guide.versions, number=number, is_published=True)
    return render(
        request,
        "advocate/version.html",
        {
            "guide": guide,
            "version": published,
            "counts": version_counts(published),
            "least": MIN_CHECKLISTS_FOR_COUNTS,
        },
    )
