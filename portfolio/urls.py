"""Included at the site root: the youth's own pages under /mig/, the public
certificate check under /bevis/, the invitation link, and the staff pages
beside the case file under /unge/<youth>/portfolio/."""

from django.urls import path

from portfolio.views import access, feeds, invitation, mine, my_data, staff, verify

app_name = "portfolio"
urlpatterns = [
    # Public: anyone holding a certificate's code or an invitation link.
    path("bevis/", verify.verify_lookup, name="verify_lookup"),
    path("bevis/<str:code>/", verify.verify, name="verify"),
    path("velkommen/<uidb64>/<token>/", invitation.InvitationAcceptView.as_view(), name="invitation_accept"),
    # The youth's calendar (the token is the key) and the SMS gateway's answers (a shared secret).
    path("kalender/<str:token>.ics", feeds.calendar_feed, name="calendar_feed"),
    path("sms/svar/", feeds.sms_answer, name="sms_answer"),
    # The youth's own pages.
    path("mig/", mine.youth_home, name="youth_home"),
    path("mig/plan/", mine.my_plan, name="my_plan"),
    path("mig/portfolio/", mine.my_portfolio, name="my_portfolio"),
    path("mig/portfolio/pdf/", mine.my_portfolio_pdf, name="my_portfolio_pdf"),
    path("mig/portfolio/pdf/status/", mine.my_portfolio_pdf_status, name="my_portfolio_pdf_status"),
    path("mig/portfolio/pdf/hent/", mine.my_portfolio_pdf_download, name="my_portfolio_pdf_download"),
    path("mig/beviser/<uuid:certificate_id>/pdf/", mine.my_certificate_pdf, name="my_certificate_pdf"),
    path("mig/refleksioner/", mine.my_reflections, name="my_reflections"),
    path("mig/refleksioner/<uuid:reflection_id>/rediger/", mine.my_reflection_edit, name="my_reflection_edit"),
    path("mig/refleksioner/<uuid:reflection_id>/slet/", mine.my_reflection_delete, name="my_reflection_delete"),
    path("mig/refleksioner/<uuid:reflection_id>/naaet/", mine.my_goal_reached, name="my_goal_reached"),
    path("mig/paamindelser/", mine.my_reminders, name="my_reminders"),
    path("mig/paamindelser/kalender/", mine.my_calendar, name="my_calendar"),
    path("mig/kontaktperson/", mine.my_contact_person_propose, name="my_contact_person_propose"),
    path("mig/mine-data/", my_data.my_data, name="my_data"),
    path("mig/mine-data/hent/", my_data.my_data_download, name="my_data_download"),
    path("mig/mine-data/indsigt/", my_data.my_access_request, name="my_access_request"),
    # Staff, beside the case file.
    path("unge/<uuid:youth_id>/portfolio/", staff.portfolio, name="staff_portfolio"),
    path("unge/<uuid:youth_id>/portfolio/bevis/nyt/", staff.certificate_issue, name="certificate_issue"),
    path(
        "unge/<uuid:youth_id>/portfolio/bevis/<uuid:certificate_id>/tilbagekald/",
        staff.certificate_revoke,
        name="certificate_revoke",
    ),
    path(
        "unge/<uuid:youth_id>/portfolio/bevis/<uuid:certificate_id>/pdf/",
        staff.certificate_pdf,
        name="staff_certificate_pdf",
    ),
    path("unge/<uuid:youth_id>/portfolio/pdf/", staff.portfolio_pdf, name="staff_portfolio_pdf"),
    path("unge/<uuid:youth_id>/portfolio/pdf/status/", staff.portfolio_pdf_status, name="staff_portfolio_pdf_status"),
    path("unge/<uuid:youth_id>/portfolio/pdf/hent/", staff.portfolio_pdf_download, name="staff_portfolio_pdf_download"),
    path("unge/<uuid:youth_id>/portfolio/invitation/", staff.invite, name="invite"),
    path(
        "unge/<uuid:youth_id>/portfolio/realkompetence/ny/", staff.prior_learning_record, name="prior_learning_record"
    ),
    path(
        "unge/<uuid:youth_id>/portfolio/realkompetence/<uuid:prior_id>/slet/",
        staff.prior_learning_delete,
        name="prior_learning_delete",
    ),
    path("unge/<uuid:youth_id>/portfolio/indsigt/<uuid:request_id>/", access.access_review, name="access_review"),
]
