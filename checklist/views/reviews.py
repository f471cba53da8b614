"""A second pair of eyes: the family lets their child's doctor (or a therapist, an advocate)
read what they prepared and what the clinics answered, and comment, through a review link of
its own (`/r/<token>/`) that opens nothing else."""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from checklist.access import ChecklistRequest, ReviewRequest, private_checklist, review_link
from checklist.compare import compare
from checklist.forms import ReviewCommentForm, ReviewLinkForm
from checklist.limits import over_limit
from checklist.models import Answer, ReviewComment, ReviewLink
from checklist.tokens import hash_token, make_token

# A family's review links at once; each one is a way into their checklist.
MAX_OPEN_REVIEW_LINKS = 10


@require_http_methods(["GET", "HEAD", "POST"])
@private_checklist
def reviews(request: ChecklistRequest, token: str) -> HttpResponse:
    """The family's review links (when each was last opened, revoke) and "Ask someone to
    review" (POST). A new link is shown once, on the page that made it: only its hash is kept."""
    checklist = request.checklist
    form = ReviewLinkForm(request.POST if request.method == "POST" else None)
    new_link = ""
    full = checklist.review_links.open().count() >= MAX_OPEN_REVIEW_LINKS
    if request.method == "POST" and not full and form.is_valid():
        review_token = make_token()
        form.instance.checklist = checklist
        form.instance.token_hash = hash_token(review_token)
        form.instance.expires = timezone.now() + timedelta(days=form.cleaned_data["days"])
        form.save()
        new_link = request.build_absolute_uri(f"/r/{review_token}/")
        form = ReviewLinkForm()
    return render(
        request,
        "checklist/reviews.html",
        {
            "checklist": checklist,
            "token": token,
            "form": form,
            "full": full,
            "new_link": new_link,
            "links": list(checklist.review_links.all()),
            "comments": list(
                ReviewComment.objects.filter(link__checklist=checklist).select_related(
                    "link", "answer__question"
                )
            ),
        },
    )


@require_POST
@private_checklist
def revoke_review(request: ChecklistRequest, token: str, link_id: int) -> HttpResponse:
    link = get_object_or_404(ReviewLink, checklist=request.checklist, pk=link_id)
    if link.revoked is None:
        link.revoked = timezone.now()
        link.save(update_fields=["revoked"])
    messages.success(request, _("The link for %(who)s no longer opens.") % {"who": link.reviewer})
    return redirect("checklist:reviews", token=token)


@require_POST
@private_checklist
def mark_read(request: ChecklistRequest, token: str, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(ReviewComment, link__checklist=request.checklist, pk=comment_id)
    comment.is_read = True
    comment.save(update_fields=["is_read"])
    return redirect("checklist:reviews", token=token)


@require_http_methods(["GET", "HEAD", "POST"])
@review_link
def reviewer(request: ReviewRequest, token: str) -> HttpResponse:
    """What the reviewer sees: the family's chosen questions with each clinic's answers, read
    only, and a comment box beside each question and for an overall note (POST)."""
    link = request.review_link
    checklist = link.checklist
    comparison = compare(checklist)
    # Each question's comment form is named by the first clinic's answer to it.
    forms = {
        row.answers[0].pk: ReviewCommentForm(prefix=f"c{row.answers[0].pk}")
        for row in comparison.rows
    }
    overall = ReviewCommentForm(prefix="overall")
    if request.method == "POST":
        on = request.POST.get("answer", "")
        if on and not (on.isascii() and on.isdigit() and int(on) in forms):
            return redirect("checklist:reviewer", token=token)
        answer = Answer.objects.get(pk=int(on)) if on else None
        form = ReviewCommentForm(request.POST, prefix=f"c{on}" if on else "overall")
        if form.is_valid() and over_limit(request, "comment"):
            form.add_error(None, _("Too many comments from your network just now. Please wait."))
        if form.is_valid():
            form.instance.link, form.instance.answer = link, answer
            form.save()
            messages.success(request, _("Your comment is saved. The family will see it."))
            return redirect(f"/r/{token}/#{'a' + on if on else 'overall'}")
        if answer is None:
            overall = form
        else:
            forms[answer.pk] = form
    comments = list(link.comments.all())
    return render(
        request,
        "checklist/reviewer.html",
        {
            "link": link,
            "checklist": checklist,
            "comparison": comparison,
            "rows": [
                (
                    row,
                    forms[row.answers[0].pk],
                    [c for c in comments if c.answer_id == row.answers[0].pk],
                )
                for row in comparison.rows
            ],
            "overall": overall,
            "overall_comments": [c for c in comments if c.answer_id is None],
            "forms_with_errors": [f for f in [*forms.values(), overall] if f.is_bound and f.errors],
            "token": token,
        },
    )
