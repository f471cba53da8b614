import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    PasswordChangeForm,
    SetPasswordForm,
    SetPasswordMixin,
    UserCreationForm,
)
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
)
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.forms.renderers import Jinja2
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from checklist.autosave import SaveResult, save_answer
from checklist.costs import PARTS, Quote, parse_amount
from checklist.guide_format import MAX_FILE_BYTES
from checklist.models import (
    MAX_OWN_QUESTIONS,
    NEEDED_TO_PUBLISH,
    QUESTION_LABELS,
    QUESTION_MAX,
    Answer,
    Checklist,
    Clinic,
    GlossaryTerm,
    Guide,
    GuideVersion,
    PaperSize,
    Question,
    Rating,
    Report,
    ReviewComment,
    ReviewLink,
    Section,
    Source,
    Visibility,
)
from checklist.templatetags.languages import language_label
from checklist.validators import multi_line, no_markup, single_line

LANGUAGE_TAG = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z"


TYPED_INPUTS = {"text", "email", "search", "url", "tel"}


class Renderer(Jinja2):
    """Django's Jinja2 form renderer (the same HTML as the default templates, faster), with
    one addition: every box a person types text into takes its direction from what they type
    (`dir="auto"`), so Arabic or Hebrew reads right to left on an English page and the other
    way round."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if widget and (
            widget.get("type") in TYPED_INPUTS or widget["template_name"].endswith("textarea.html")
        ):
            widget["attrs"] = {"dir": "auto", **widget["attrs"]}
        return super().render(template_name, context, request)


class DetailsForm(forms.ModelForm[Checklist]):
    """The optional details about the child, at the start. Each one says why it is asked."""

    class Meta:
        model = Checklist
        fields = ["child_name", "child_age"]
        help_texts = {
            "child_name": _("So the checklist and the printout are easy to tell apart."),
            "child_age": _("Clinics often answer differently for younger and older children."),
        }
        widgets = {
            "child_age": forms.TextInput(attrs={"placeholder": _("For example: 4 years")}),
        }


class ClinicForm(forms.ModelForm[Clinic]):
    """The optional details about one clinic, at the start and for each clinic added."""

    # The names its fields are sent under (and their ids), as one form with DetailsForm.
    POSTED = {"name": "clinic_name", "city": "clinic_city", "country": "clinic_country"}

    class Meta:
        model = Clinic
        fields = ["name", "city", "country", "appointment_date", "attendees"]
        help_texts = {
            "name": _("Printed at the top of the page you take along."),
            "city": _("Helps you keep apart clinics you compare."),
            "country": _("The rules for this treatment depend on the country."),
            "appointment_date": _("Printed on the page, so you know which visit it was for."),
            "attendees": _("Printed on the page. Two people hear more than one."),
        }
        widgets = {
            "appointment_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "attendees": forms.TextInput(attrs={"placeholder": _("For example: Mum and Grandad")}),
        }

    def add_prefix(self, field_name: str) -> str:
        return self.POSTED.get(field_name, field_name)

    @classmethod
    def posted_names(cls) -> list[str]:
        return [cls.POSTED.get(name, name) for name in cls.Meta.fields]


class WholeNumberField(forms.IntegerField):
    """A whole number in ASCII digits: int() also reads other scripts' digits and "1_000"."""

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not re.fullmatch(r"\s*[0-9]{1,18}\s*", str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class AmountField(forms.CharField):
    """An amount of money typed as a family writes it (costs.parse_amount)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=30, required=False, **kwargs)

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value).strip()
        if not text:
            return None
        amount = parse_amount(text)
        if amount is None:
            raise forms.ValidationError(
                _("Write the amount in figures, such as 12000 or 12,000.50."), code="invalid"
            )
        return amount


class AnswerForm(forms.ModelForm[Answer]):
    """One question on a section page. Prefixed with the answer's id, so a section page
    can hold one per question and an autosave can send just one."""

    revision = WholeNumberField(min_value=1, widget=forms.HiddenInput)
    page_render = forms.RegexField(regex=r"^[0-9a-f]{1,32}\Z", widget=forms.HiddenInput)
    rating = forms.ChoiceField(
        label=_("How was the answer?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        initial=Rating.NOT_ASKED,
    )

    class Meta:
        model = Answer
        fields = [
            "own_question",
            "included",
            "starred",
            "response",
            "rating",
            "warning_heard",
            "notes",
            "done",
        ]
        # The same words as "Choose your questions" and the review's "Ask these first".
        labels = {"starred": _("Ask it first")}
        widgets = {
            "response": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            # A question must be seen whole on a phone, so it wraps.
            "own_question": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        answer: Answer,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, instance=answer, prefix=f"a{answer.pk}", initial=initial)
        if answer.is_own:
            self.fields["own_question"].required = True
        else:
            del self.fields["own_question"]
        # Each kind of item has only its own fields: a page never sends the others, so a
        # save never blanks them.
        if answer.question is not None and answer.question.is_family_item:
            for name in ["included", "starred", "response", "rating", "warning_heard"]:
                del self.fields[name]
        else:
            del self.fields["done"]
        quote = answer.quote
        if quote is not None:
            typed = quote.as_fields()
            self.fields["cost_currency"] = forms.RegexField(
                label=_("Currency"),
                regex=r"^[A-Za-z]{3}\Z",
                max_length=3,
                required=False,
                initial=typed["cost_currency"],
                help_text=_("Three letters, as on the clinic's quote: USD, EUR, MXN…"),
                error_messages={"invalid": _("Three letters, such as USD, EUR or MXN.")},
                widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 4}),
            )
            for part, label in PARTS:
                self.fields[f"cost_{part}"] = AmountField(
                    label=label, initial=typed[f"cost_{part}"]
                )

    @property
    def rating_choices(self) -> list[tuple[str, str, str]]:
        """The rating's buttons as (value, label, id), with the ids the widget would give them:
        the template draws them without building a widget for each question of a page."""
        auto_id = self["rating"].auto_id
        return [(v, str(label), f"{auto_id}_{i}") for i, (v, label) in enumerate(Rating.choices)]

    @property
    def field_names(self) -> str:
        """Its fields' names, for an autosave to send this question alone (hx-params)."""
        return ",".join(map(self.add_prefix, self.fields))

    @property
    def cost_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("cost_")]

    def validate_unique(self) -> None:
        # The form never changes which checklist or question an answer belongs to, so it
        # cannot break the model's constraints: skip the queries on every autosave.
        pass

    def clean(self) -> dict[str, Any]:
        cleaned = _star_means_ask(super().clean() or {})
        # An answer written down counts as answered, to be rated later; the counts say so.
        if "response" in cleaned and "rating" in cleaned:
            amounts = [cleaned.get(f"cost_{part}") for part, _label in PARTS]
            written = bool(cleaned["response"].strip()) or any(a is not None for a in amounts)
            if written and cleaned["rating"] == Rating.NOT_ASKED:
                cleaned["rating"] = Rating.ANSWERED
            elif not written and cleaned["rating"] == Rating.ANSWERED:
                cleaned["rating"] = Rating.NOT_ASKED
        return cleaned

    def save_answer(self) -> SaveResult:
        """Save what this valid form holds, safely across devices (autosave.py)."""
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields if name in data}
        if "cost_currency" in data:
            amounts = {part: data[f"cost_{part}"] for part, _label in PARTS}
            values["costs"] = self.instance.costs = Quote(
                data["cost_currency"].upper(),
                {part: amount for part, amount in amounts.items() if amount is not None},
            ).stored()
        return save_answer(self.instance, values, data["revision"], data["page_render"])


class ChoiceForm(forms.ModelForm[Answer]):
    """Whether to ask one question, and whether first: one row of "Choose your questions"."""

    class Meta:
        model = Answer
        fields = ["included", "starred"]
        labels = {"included": _("Ask this question"), "starred": _("Ask it first")}

    def __init__(self, data: QueryDict | None = None, *, answer: Answer) -> None:
        super().__init__(data, instance=answer, prefix=f"a{answer.pk}")

    def validate_unique(self) -> None:
        pass  # as AnswerForm: which question an answer is for never changes here

    def clean(self) -> dict[str, Any]:
        return _star_means_ask(super().clean() or {})

    def save_choice(self) -> Answer:
        """Save the two ticks, for every clinic. They leave the answer's revision alone: a
        tick never overwrites text, so it must not make a page open elsewhere see a conflict."""
        answer = self.instance
        Answer.objects.filter(pk=answer.pk).update(
            included=answer.included, starred=answer.starred, updated=timezone.now()
        )
        answer.share(["included", "starred"])
        Checklist.objects.filter(pk=answer.checklist_id).update(updated=timezone.now())
        return answer


class OwnQuestionForm(forms.Form):
    """A new question of the family's own; `full` when the checklist holds the most it may."""

    own_question = forms.CharField(
        label=_("Add your own question to this section"),
        max_length=Answer._meta.get_field("own_question").max_length,
        required=False,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, data: QueryDict | None = None, *, full: bool = False) -> None:
        super().__init__(data, prefix="new")
        self.full = full
        if full:
            self.fields["own_question"].help_text = self.full_message()

    @staticmethod
    def full_message() -> str:
        return _(
            "You have written %(n)s questions of your own, the most one checklist can hold. "
            "Delete one to add another."
        ) % {"n": MAX_OWN_QUESTIONS}

    def clean_own_question(self) -> str:
        text: str = self.cleaned_data["own_question"]
        if text and self.full:
            raise forms.ValidationError(self.full_message(), code="full")
        return text


def _star_means_ask(cleaned: dict[str, Any]) -> dict[str, Any]:
    """A question starred is one to ask: a star left on an unticked question would keep it
    out of the review and the printout, which no one who starred it expects."""
    if cleaned.get("starred"):
        cleaned["included"] = True
    return cleaned


def _keep_when_not_sent(form: forms.BaseForm, names: list[str]) -> None:
    """Choices a page always sends, made optional: one not sent keeps its value (a model
    form leaves a field with a default alone when its value is missing from the data)."""
    for name in names:
        form.fields[name].required = False


# Django's words for a password that breaks a rule, where they do not say what to do instead.
PLAIN_PASSWORD_ERRORS = {
    "password_too_common": _(
        "Many people use this password, so it is easy to guess. Please choose another."
    ),
    "password_entirely_numeric": _(
        "A password of only numbers is easy to guess. Please add some letters."
    ),
    "password_too_similar": _(
        "This password is too like your username or email address. Please choose another."
    ),
}


def _password_rules() -> str:
    """What makes a password acceptable, in plain words, from the validators in use
    (AUTH_PASSWORD_VALIDATORS): Django's own help is a long list in its own words."""
    rules: list[str] = []
    for validator in password_validation.get_default_password_validators():
        match validator:
            case MinimumLengthValidator(min_length=n):
                # First: the one rule everybody needs before they start typing.
                rules.insert(
                    0,
                    ngettext("At least %(n)d character.", "At least %(n)d characters.", n)
                    % {"n": n},
                )
            case CommonPasswordValidator():
                rules.append(gettext("Not a password many people use."))
            case NumericPasswordValidator():
                rules.append(gettext("Not only numbers."))
            case UserAttributeSimilarityValidator():
                rules.append(gettext("Not like your username or email address."))
            case other:
                rules.append(other.get_help_text())
    return " ".join(rules)


class PlainNewPassword(SetPasswordMixin[User]):
    """A new password and its repeat in plain words: the rules in use as the first box's
    help, what breaks them beside that box (Django puts it beside the repeat, which is not
    the box to fix), and the repeat as "type it again"."""

    new_field = "password1"  # the box typed first; its repeat ends in 2
    # What the form it is mixed into has.
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    add_error: Callable[[str | None, Any], None]
    error_messages = {
        "password_mismatch": _("This is not the same as the password above. Please type it again."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # After an error the passwords come back as typed, so nothing typed is lost (the page
        # says everything else is still there). They go back only to the browser that just
        # sent them, over the same TLS connection, in a page that is never cached (the views
        # are `never_cache`).
        for field in self.fields.values():
            if isinstance(field.widget, forms.PasswordInput):
                field.widget.render_value = True
        again = self.fields[self.new_field.removesuffix("1") + "2"]
        self.fields[self.new_field].help_text = _password_rules()
        again.label = _("Type the password again")
        again.help_text = _("The same password, to catch a typing mistake.")

    @sensitive_variables("password")
    def validate_password_for_user(self, user: Any, password_field_name: str = "") -> None:
        password = self.cleaned_data.get(self.new_field)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except forms.ValidationError as error:
            for problem in error.error_list:
                plain = PLAIN_PASSWORD_ERRORS.get(problem.code or "")
                if plain:
                    problem = forms.ValidationError(plain, code=problem.code)
                self.add_error(self.new_field, problem)


class SignUpForm(PlainNewPassword, UserCreationForm[User]):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Only used to reset your password and to tell you about your guides."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")
        help_texts = {
            "username": _(
                "The name you sign in with: letters and numbers, no spaces "
                "(@ . + - _ are allowed too)."
            ),
        }
        error_messages = {
            "username": {
                "unique": _("This username is taken. Please choose another."),
                "invalid": _(
                    "Please use only letters and numbers, with no spaces "
                    "(@ . + - _ are allowed too)."
                ),
            },
        }


class NewPasswordForm(PlainNewPassword, SetPasswordForm[User]):
    """Setting a new password from a reset link."""

    new_field = "new_password1"


class ChangePasswordForm(PlainNewPassword, PasswordChangeForm):
    new_field = "new_password1"


class GuideDetailsForm(forms.ModelForm[GuideVersion]):
    language = forms.RegexField(
        label=_("Language"),
        regex=LANGUAGE_TAG,
        max_length=35,
        help_text=_("A language code such as en, es or pt-BR."),
    )

    class Meta:
        model = GuideVersion
        fields = ["title", "description", "audience", "language", "author"]
        labels = {
            "title": _("Title"),
            "description": _("What the guide covers"),
            "audience": _("Who it is for"),
            "author": _("Written by"),
        }
        help_texts = {
            "description": _("Two or three plain sentences. Families see this first."),
            "author": _("Your name or your organisation's, as families should see it."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TranslationForm(forms.Form):
    language = forms.RegexField(
        label=_("Language of the translation"),
        regex=LANGUAGE_TAG,
        max_length=35,
        help_text=_(
            "A language code: es for Spanish, ar for Arabic, zh for Chinese, pt-BR for "
            "Portuguese as written in Brazil."
        ),
    )
    title = forms.CharField(
        label=_("Title in that language"), max_length=200, validators=[single_line, no_markup]
    )

    def __init__(self, *args: Any, taken: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The languages the guide is in already, each with its title there.
        self.taken = {language.lower(): title for language, title in taken.items()}

    def clean_language(self) -> str:
        language: str = self.cleaned_data["language"]
        if language.lower() in self.taken:
            raise forms.ValidationError(
                _("“%(title)s” is in this language already.")
                % {"title": self.taken[language.lower()]}
            )
        return language


class SectionForm(forms.ModelForm[Section]):
    class Meta:
        model = Section
        fields = ["title", "intro"]
        labels = {"title": _("Section title"), "intro": _("Introduction")}
        widgets = {"intro": forms.Textarea(attrs={"rows": 2})}


class QuestionForm(forms.ModelForm[Question]):
    source_keys = forms.MultipleChoiceField(
        label=QUESTION_LABELS["sources"],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=NEEDED_TO_PUBLISH["sources"],
    )
    # Shown as "(needed to publish)" rather than "(optional)" (checklist/_field.html).
    needed_to_publish: set[str] = {"why", "clear_answer", "warning_signs", "source_keys"}

    replaces = forms.MultipleChoiceField(
        label=_("Takes the answers of"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Questions of the last published version that this one now asks instead. "
            "Families who move to the new version keep their answers here."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "why",
            "clear_answer",
            "warning_signs",
            "clinic_claim",
            "source_keys",
            "core",
            "answer_format",
            "replaces",
        ]
        labels = QUESTION_LABELS
        help_texts = {
            "kind": _(
                "An item for the family is something to think over or do (what matters to "
                "us, before you decide): families tick it and write a note; the clinic never "
                "sees it."
            ),
            "why": NEEDED_TO_PUBLISH["why"],
            "clear_answer": NEEDED_TO_PUBLISH["clear_answer"],
            "warning_signs": NEEDED_TO_PUBLISH["warning_signs"],
            "clinic_claim": _(
                "What clinics say about this, in plain words. Cite the claim's source "
                "(a source of the kind “the claim being checked”)."
            ),
            "core": _("The short set of 8 to 12 questions a family asks first."),
            "answer_format": _(
                "Costs and trial numbers get boxes that families can compare between clinics."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "answer_format": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 2}),
            "why": forms.Textarea(attrs={"rows": 3}),
            "clear_answer": forms.Textarea(attrs={"rows": 3}),
            "warning_signs": forms.Textarea(attrs={"rows": 3}),
            "clinic_claim": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.is_family_item:
            self.needed_to_publish = {"why"}
        version = self.instance.version
        sources = self.fields["source_keys"]
        assert isinstance(sources, forms.MultipleChoiceField)
        sources.choices = [(s.key, f"{s.key}: {s.citation}") for s in version.sources.all()]
        replaces = self.fields["replaces"]
        assert isinstance(replaces, forms.MultipleChoiceField)
        published = version.guide.latest_published()
        if published is None or published == version:
            del self.fields["replaces"]
        else:
            in_draft = version.questions.values_list("key", flat=True)
            gone = published.questions.exclude(key__in=in_draft)
            replaces.choices = [(q.key, q.text) for q in gone]
        # Drafts may be unfinished; publishing checks that nothing is missing.
        for name in ["why", "clear_answer", "warning_signs"]:
            self.fields[name].required = False
        _keep_when_not_sent(self, ["kind", "answer_format"])


class AboutGuideForm(forms.ModelForm[GuideVersion]):
    """What a family needs to judge the guide itself (shown with it and on every printout)."""

    class Meta:
        model = GuideVersion
        fields = ["evidence_checked", "funding", "conflicts_of_interest", "update_policy"]
        help_texts = {
            "evidence_checked": _("The day you last checked the studies and regulators' advice."),
            "funding": _("Who pays for the guide. Say so plainly, even if nobody does."),
            "conflicts_of_interest": _(
                "Any tie of the authors or reviewers to a clinic, a cell bank or a company."
            ),
            "update_policy": _("How often you check the guide, and how to report a mistake."),
        }
        widgets = {
            "evidence_checked": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "funding": forms.Textarea(attrs={"rows": 2}),
            "conflicts_of_interest": forms.Textarea(attrs={"rows": 2}),
            "update_policy": forms.Textarea(attrs={"rows": 2}),
        }


class ContributorForm(forms.Form):
    # A row left without a name is dropped, whatever its role says.
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        validators=[single_line, no_markup],
        help_text=_("A person or an organisation."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            ("author", _("Wrote it")),
            ("reviewer", _("Checked it")),
            ("translator", _("Translated it")),
        ],
    )
    note = forms.CharField(
        label=_("What they did, or their expertise"),
        max_length=300,
        required=False,
        validators=[single_line, no_markup],
    )


# Two empty rows to add people; the rows left empty are ignored.
ContributorFormSet = forms.formset_factory(ContributorForm, extra=2, max_num=30, validate_max=True)


class GlossaryTermForm(forms.ModelForm[GlossaryTerm]):
    also = forms.CharField(
        label=_("Other forms"),
        required=False,
        max_length=500,
        validators=[single_line, no_markup],
        help_text=_("Other ways the texts write it, separated by commas: “own cells, own cell”."),
    )

    class Meta:
        model = GlossaryTerm
        fields = ["term", "also", "definition"]
        help_texts = {
            "term": _("As it appears in the texts. Families can tap it there to read this."),
            "definition": _("One or two plain sentences."),
        }
        widgets = {"definition": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["also"] = ", ".join(self.instance.also)

    def clean_also(self) -> list[str]:
        forms_of: list[str] = [f.strip() for f in self.cleaned_data["also"].split(",")]
        return [f for f in dict.fromkeys(forms_of) if f][:10]


class NewQuestionForm(forms.Form):
    text = forms.CharField(
        label=_("New question"), max_length=QUESTION_MAX, validators=[multi_line, no_markup]
    )


class NewSectionForm(forms.Form):
    title = forms.CharField(
        label=_("New section title"), max_length=200, validators=[single_line, no_markup]
    )


class SourceForm(forms.ModelForm[Source]):
    key = forms.RegexField(
        label=_("Short name"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}\Z",
        max_length=40,
        help_text=_("Letters, digits, - or _, such as NOVAK2016. Questions pick sources by it."),
    )
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["https"])],
        help_text=_("Only https:// links."),
    )

    class Meta:
        model = Source
        fields = ["key", "kind", "citation", "url"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"citation": _("Citation")}
        help_texts = {"citation": _("Authors, title, journal or publisher, year.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keep_when_not_sent(self, ["kind"])

    def clean_key(self) -> str:
        key: str = self.cleaned_data["key"]
        taken = self.instance.version.sources.filter(key=key).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another source already has this short name."))
        return key


class VisibilityForm(forms.ModelForm[Guide]):
    class Meta:
        model = Guide
        fields = ["visibility"]
        widgets = {"visibility": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.unlisted_by_moderator:
            visibility = self.fields["visibility"]
            assert isinstance(visibility, forms.ChoiceField)
            visibility.choices = [c for c in Visibility.choices if c[0] != Visibility.PUBLIC]
            visibility.error_messages["invalid_choice"] = _(
                "The moderators took this guide out of the gallery, so it cannot be made "
                "public. Families can still open it by its link."
            )


class PublishForm(VisibilityForm):
    """Publishing in one step: who can see the guide from now on, and what changed."""

    change_note = forms.CharField(
        label=_("What changed in this version"),
        max_length=500,
        help_text=_("A short note for you and for families, such as “Two questions on costs”."),
        validators=[single_line, no_markup],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visibility"].label = _("Publish for")
        # A guide never published is private; publishing it for nobody is rarely the wish.
        guide = self.instance
        never_published = guide.visibility == Visibility.PRIVATE and not guide.latest_published()
        if never_published and not self.is_bound:
            self.initial["visibility"] = Visibility.UNLISTED


class PrintOptionsForm(forms.ModelForm[Checklist]):
    paper_size = forms.ChoiceField(
        label=_("Paper size"),
        choices=PaperSize.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "US Letter is the usual paper in North America, most of Central America, "
            "Colombia, Venezuela, Chile and the Philippines. A4 is used almost everywhere else."
        ),
        error_messages={
            "required": _("Choose a paper size."),
            "invalid_choice": _("Choose A4 or US Letter."),
        },
    )
    large_print = forms.TypedChoiceField(
        label=_("Text size"),
        choices=[("False", _("Normal print")), ("True", _("Large print"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose normal or large print."),
            "invalid_choice": _("Choose normal or large print."),
        },
    )

    class Meta:
        model = Checklist
        fields = [
            "paper_size",
            "large_print",
            "print_why",
            "print_notes",
            "print_link_qr",
            "print_names",
            "print_comments",
        ]
        labels = {
            "print_why": _("Add why to ask, the warning signs and the sources"),
            "print_notes": _("Add my private notes, and what matters to us"),
            "print_link_qr": _("Add a QR code that opens this checklist"),
        }
        help_texts = {
            "print_why": _("A few lines under each question. They make the paper longer."),
            "print_notes": _(
                "Off unless you turn it on. Anyone you give the paper to can read them, "
                "the clinic too."
            ),
            "print_link_qr": _(
                "Careful: anyone who holds the paper can scan the code, then open and change "
                "your checklist."
            ),
            "print_names": _(
                "Off unless you turn it on, so the clinic's name is not in a list of "
                "downloads that others can see."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Where the guide is in other languages too: the clinic copy and the answers record
        # in the clinic's language, or in both (the family's, with the clinic's beneath).
        checklist = self.instance
        own = checklist.version.language
        others = [v.language for v in checklist.version.translations()]
        if others:
            choices = [("", capfirst(language_label(own)))]
            for other in others:
                choices.append((other, capfirst(language_label(other))))
            for other in others:
                both = _("%(first)s, with %(second)s under each question") % {
                    "first": capfirst(language_label(own)),
                    "second": language_label(other),
                }
                choices.append((f"{other}+", both))
            shown = checklist.clinic_language + ("+" if checklist.print_both_languages else "")
            self.fields["clinic_languages"] = forms.ChoiceField(
                label=_("Language of the clinic copy and the answers record"),
                choices=choices,
                initial=shown if checklist.clinic_language in others else "",
                required=False,
                widget=forms.RadioSelect,
            )
        # Only once someone was asked to review: a page never sends a field it does not show.
        if not checklist.review_links.exists():
            del self.fields["print_comments"]

    def save(self, commit: bool = True) -> Checklist:
        checklist = super().save(commit=False)
        if "clinic_languages" in self.cleaned_data:
            chosen = self.cleaned_data["clinic_languages"]
            checklist.clinic_language = chosen.removesuffix("+")
            checklist.print_both_languages = chosen.endswith("+")
        if commit:
            checklist.save()
        return checklist

    @property
    def saved_fields(self) -> list[str]:
        """The checklist's fields this form sets."""
        languages = ["clinic_language", "print_both_languages"]
        shown = [name for name in self.Meta.fields if name in self.fields]
        return [*shown, *(languages if "clinic_languages" in self.fields else [])]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Guide file (JSON)"))

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        # Checked before anything is read: the size comes from the upload itself.
        if upload.size is None or upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("This file is too big. A guide file is at most %(kb)s KB.")
                % {"kb": MAX_FILE_BYTES // 1024}
            )
        return upload


class ReportForm(forms.ModelForm[Report]):
    class Meta:
        model = Report
        fields = ["reason", "contact"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"contact": _("Only if you would like an answer.")}


class GallerySearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=100, required=False, validators=[single_line])
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        """`languages`: the codes of the languages the gallery's guides are written in."""
        super().__init__(*args, **kwargs)
        named = sorted((language_label(code), code) for code in languages)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [("", _("Any language"))] + [(code, name) for name, code in named]


class ReviewLinkForm(forms.ModelForm[ReviewLink]):
    """ "Ask someone to review": who, what they see, and for how long."""

    days = forms.TypedChoiceField(
        label=_("The link works for"),
        choices=[(1, _("1 day")), (7, _("7 days")), (30, _("30 days"))],
        coerce=int,
        initial=7,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ReviewLink
        fields = ["reviewer", "show_notes", "show_child"]
        help_texts = {
            "reviewer": _(
                "So you know whose comments are whose. For example: Dr Ruiz, neurologist"
            ),
            "show_notes": _("They always see your questions and the clinics' answers."),
        }


class ReviewCommentForm(forms.ModelForm[ReviewComment]):
    class Meta:
        model = ReviewComment
        fields = ["name", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
