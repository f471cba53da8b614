from django.urls import path, register_converter

from checklist.tokens import TokenConverter
from checklist.views import advocate, editor, family, offline, printing, private_link, public

app_name = "checklist"
register_converter(TokenConverter, "token")

urlpatterns = [
    path("", public.landing, name="landing"),
    path("favicon.ico", public.favicon, name="favicon"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("offline/", offline.offline, name="offline"),
    path("guides/", public.gallery, name="gallery"),
    path("guides/<slug:slug>.json", public.guide_json, name="guide_json"),
    path("g/<slug:slug>/", public.guide_page, name="guide_page"),
    path("g/<slug:slug>/qr.svg", public.guide_qr, {"kind": "svg"}, name="guide_qr_svg"),
    path("g/<slug:slug>/qr.png", public.guide_qr, {"kind": "png"}, name="guide_qr_png"),
    path("g/<slug:slug>/report/", public.report, name="report"),
    path("accounts/signup/", advocate.signup, name="signup"),
    path("advocate/", advocate.home, name="advocate_home"),
    path("advocate/new/", advocate.new_guide, name="advocate_new"),
    path("advocate/import/", advocate.import_guide, name="advocate_import"),
    path("advocate/copy/<slug:slug>/", advocate.copy_guide, name="advocate_copy"),
    path("advocate/g/<slug:slug>/", advocate.guide, name="advocate_guide"),
    path("advocate/g/<slug:slug>/visibility/", advocate.visibility, name="advocate_visibility"),
    path("advocate/g/<slug:slug>/publish/", advocate.publish, name="advocate_publish"),
    path("advocate/g/<slug:slug>/draft/", advocate.new_draft, name="advocate_new_draft"),
    path("advocate/g/<slug:slug>/edit/", editor.edit, name="advocate_edit"),
    path("advocate/g/<slug:slug>/preview/", advocate.preview, name="advocate_preview"),
    path("advocate/g/<slug:slug>/delete/", advocate.delete_guide, name="advocate_delete"),
    path("advocate/g/<slug:slug>/sections/add/", editor.add_section, name="advocate_add_section"),
    path("advocate/g/<slug:slug>/s/<slug:key>/", editor.edit_section, name="advocate_section"),
    path(
        "advocate/g/<slug:slug>/s/<slug:key>/move/",
        editor.move_section,
        name="advocate_move_section",
    ),
    path(
        "advocate/g/<slug:slug>/s/<slug:key>/delete/",
        editor.delete_section,
        name="advocate_delete_section",
    ),
    path(
        "advocate/g/<slug:slug>/s/<slug:key>/add/",
        editor.add_question,
        name="advocate_add_question",
    ),
    path("advocate/g/<slug:slug>/q/<slug:key>/", editor.edit_question, name="advocate_question"),
    path(
        "advocate/g/<slug:slug>/q/<slug:key>/move/",
        editor.move_question,
        name="advocate_move_question",
    ),
    path(
        "advocate/g/<slug:slug>/q/<slug:key>/delete/",
        editor.delete_question,
        name="advocate_delete_question",
    ),
    path("advocate/g/<slug:slug>/about/", editor.edit_about, name="advocate_about"),
    path("advocate/g/<slug:slug>/glossary/add/", editor.add_term, name="advocate_add_term"),
    path("advocate/g/<slug:slug>/glossary/<slug:key>/", editor.edit_term, name="advocate_term"),
    path(
        "advocate/g/<slug:slug>/glossary/<slug:key>/delete/",
        editor.delete_term,
        name="advocate_delete_term",
    ),
    path("advocate/g/<slug:slug>/sources/add/", editor.add_source, name="advocate_add_source"),
    path("advocate/g/<slug:slug>/sources/<str:key>/", editor.edit_source, name="advocate_source"),
    path(
        "advocate/g/<slug:slug>/sources/<str:key>/delete/",
        editor.delete_source,
        name="advocate_delete_source",
    ),
    path("guides/<slug:slug>/pdf", printing.guide_pdf, name="guide_pdf"),
    path("guides/<slug:slug>/print", printing.guide_print, name="guide_print"),
    path("start/", family.start, name="start"),
    path("start/<slug:slug>/", family.start, name="start_guide"),
    path("mine/", private_link.mine, name="mine"),
    path("mine/forget/", private_link.forget_device, name="forget_device"),
    path("c/<token:token>/", family.overview, name="overview"),
    path("c/<token:token>/details/", family.details, name="details"),
    path("c/<token:token>/s/<int:number>/", family.section, name="section"),
    path("c/<token:token>/a/<int:answer_id>/", family.autosave, name="autosave"),
    path(
        "c/<token:token>/a/<int:answer_id>/delete/", family.delete_question, name="delete_question"
    ),
    path("c/<token:token>/review/", family.review, name="review"),
    path("c/<token:token>/new-questions/", family.add_new_questions, name="add_new_questions"),
    path("c/<token:token>/print-options/", printing.print_options, name="print_options"),
    path("c/<token:token>/print-options/shorter/", printing.shorter, name="print_shorter"),
    path("c/<token:token>/pdf", printing.pdf, {"printout": "questions"}, name="pdf"),
    path("c/<token:token>/print", printing.print_page, {"printout": "questions"}, name="print"),
    path("c/<token:token>/pdf/answers", printing.pdf, {"printout": "answers"}, name="answers_pdf"),
    path(
        "c/<token:token>/print/answers",
        printing.print_page,
        {"printout": "answers"},
        name="answers_print",
    ),
    path("c/<token:token>/export.json", private_link.export, name="export"),
    path("c/<token:token>/rotate/", private_link.rotate_link, name="rotate"),
    path("c/<token:token>/delete/", private_link.delete, name="delete"),
]
