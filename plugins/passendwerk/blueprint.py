"""Every page of the plugin in one table, and the helpers its templates share."""

from flask import Blueprint
from flask_babel import format_datetime

from core.api import local_today

from .catalogue import views as catalogue_views
from .events import views as event_views
from .introductions import views as introduction_views
from .lifecoaches import views as lifecoach_views
from .privacy import views as privacy_views
from .reports import views as report_views
from .route import access_log
from .route import views as route_views
from .talent import views as talent_views
from .talent.models import CONTRACTS, LEVELS, SECTORS, TRAVEL
from .vacancies import views as vacancy_views

bp = Blueprint(
    "passendwerk",
    __name__,
    url_prefix="/passendwerk",
    template_folder="templates",
    static_folder="static",
)

GET, POST, FORM = ["GET"], ["POST"], ["GET", "POST"]

# (rule, view, methods); the endpoint is the view's name: url_for("passendwerk.job_seeker").
ROUTES = [
    # The route: job seekers' files.
    ("/", route_views.index, GET),
    ("/sign-up", route_views.sign_up, FORM),
    ("/job-seekers/<int:job_seeker_id>", route_views.job_seeker, GET),
    ("/job-seekers/<int:job_seeker_id>/edit", route_views.edit_person, FORM),
    ("/job-seekers/<int:job_seeker_id>/people", route_views.assign_people, POST),
    ("/job-seekers/<int:job_seeker_id>/log", access_log.access_log, GET),
    ("/job-seekers/<int:job_seeker_id>/log.csv", access_log.access_log_csv, GET),
    ("/consents/<int:consent_id>/withdraw", route_views.withdraw_consent, FORM),
    # Talent: the profile, the vacancies that fit it, the training plan.
    ("/job-seekers/<int:job_seeker_id>/profile", talent_views.edit_profile, FORM),
    ("/job-seekers/<int:job_seeker_id>/vacancies", talent_views.vacancies_for, GET),
    ("/job-seekers/<int:job_seeker_id>/trainings", talent_views.plan_training, POST),
    ("/trainings/<int:enrolment_id>", talent_views.training_status, POST),
    # Vacancies and the candidates that fit them.
    ("/vacancies", vacancy_views.vacancies, GET),
    ("/vacancies/new", vacancy_views.edit_vacancy, FORM),
    ("/vacancies/<int:vacancy_id>/edit", vacancy_views.edit_vacancy, FORM),
    ("/vacancies/<int:vacancy_id>", vacancy_views.vacancy, GET),
    # Introductions, and the feedback talks during induction.
    ("/introductions/<int:introduction_id>", introduction_views.introduction, GET),
    ("/introductions/<int:introduction_id>/respond", introduction_views.respond, POST),
    ("/placements/<int:placement_id>/induction", introduction_views.induction_plan, FORM),
    ("/job-seekers/<int:job_seeker_id>/feedback", introduction_views.record_feedback, POST),
    ("/job-seekers/<int:job_seeker_id>/feedback.ics", introduction_views.feedback_ics, GET),
    # Meet & Greets.
    ("/meet-and-greets", event_views.meet_and_greets, GET),
    ("/meet-and-greets/new", event_views.edit_meet_and_greet, FORM),
    ("/meet-and-greets/<int:event_id>/edit", event_views.edit_meet_and_greet, FORM),
    ("/meet-and-greets/<int:event_id>", event_views.meet_and_greet, GET),
    ("/meet-and-greets/<int:event_id>.ics", event_views.meet_and_greet_ics, GET),
    ("/meet-and-greets/<int:event_id>/guests", event_views.invite_guest, POST),
    (
        "/meet-and-greets/<int:event_id>/guests/<int:job_seeker_id>/attended",
        event_views.toggle_attended,
        POST,
    ),
    # Privacy (AVG): requests and the export.
    ("/privacy-requests", privacy_views.privacy_requests, GET),
    (
        "/job-seekers/<int:job_seeker_id>/privacy-requests/new",
        privacy_views.new_privacy_request,
        FORM,
    ),
    ("/privacy-requests/<int:request_id>", privacy_views.privacy_request, GET),
    ("/job-seekers/<int:job_seeker_id>/export.json", privacy_views.export_person, GET),
    # The team's lists, and the search of the competence picker in the forms.
    ("/competences/search", catalogue_views.search_competences, GET),
    ("/catalogue", catalogue_views.catalogue, GET),
    ("/catalogue/competences/bulk", catalogue_views.bulk_competences, POST),
    ("/catalogue/<kind>", catalogue_views.add_to_catalogue, POST),
    ("/catalogue/<kind>/<int:item_id>/toggle", catalogue_views.toggle_catalogue_item, POST),
    # Lifecoaches and their training.
    ("/lifecoaches", lifecoach_views.lifecoaches, GET),
    ("/lifecoaches/<int:user_id>/training", lifecoach_views.record_training, POST),
    ("/lifecoaches/<int:user_id>/training/delete", lifecoach_views.undo_training, POST),
    # Anonymous figures.
    ("/report", report_views.report, GET),
    ("/report.csv", report_views.report_csv, GET),
]

for _rule, _view, _methods in ROUTES:
    bp.add_url_rule(_rule, view_func=_view, methods=_methods)


@bp.context_processor
def _today() -> dict:
    return {"today": local_today()}


def _label_filter(name: str, labels: dict) -> None:
    bp.add_app_template_filter(lambda key: labels.get(key, key), name)


for _name, _labels in (
    ("contract_label", CONTRACTS),
    ("sector_label", SECTORS),
    ("travel_label", TRAVEL),
    ("level_label", LEVELS),
):
    _label_filter(_name, _labels)


@bp.app_template_filter("clock_time")
def _clock_time(moment, format="short") -> str:
    """A time kept as Rotterdam clock time, as it was entered (a Meet & Greet's), shown as is:
    `datetimeformat` would take it for UTC and move it an hour or two."""
    return format_datetime(moment, format, rebase=False)
