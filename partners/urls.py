"""URLs of the partners app (mounted at /partnere/)."""

from django.urls import path

from partners.views import agreements, casework, governance, portal, referrals, register

app_name = "partners"

urlpatterns = [
    # The organisation register
    path("", register.organisation_list, name="organisation_list"),
    path("ny/", register.organisation_create, name="organisation_create"),
    path("<uuid:organisation_id>/", register.organisation_detail, name="organisation_detail"),
    path("<uuid:organisation_id>/rediger/", register.organisation_edit, name="organisation_edit"),
    path("<uuid:organisation_id>/kontakter/ny/", register.contact_create, name="contact_create"),
    path("kontakter/<uuid:contact_id>/rediger/", register.contact_edit, name="contact_edit"),
    path("kontakter/<uuid:contact_id>/fjern/", register.contact_remove, name="contact_remove"),
    path("<uuid:organisation_id>/tilbud/nyt/", register.offer_create, name="offer_create"),
    path("tilbud/<uuid:offer_id>/rediger/", register.offer_edit, name="offer_edit"),
    # Placements, youths looking for one, referrals, messages
    path("praktikpladser/", casework.placements, name="placements"),
    path("unge/<uuid:youth_id>/soeger-praktik/", casework.internship_search_create, name="internship_search_create"),
    path("soegninger/<uuid:search_id>/afslut/", casework.internship_search_close, name="internship_search_close"),
    path("unge/<uuid:youth_id>/henvis/", casework.referral_create, name="referral_create"),
    path("henvisninger/<uuid:referral_id>/", referrals.referral_answer, name="referral_answer"),
    path("beskeder/<uuid:message_id>/laest/", casework.message_read, name="message_read"),
    # Partnership agreements
    path("aftaler/", agreements.agreement_list, name="agreement_list"),
    path("aftaler/ny/", agreements.agreement_create, name="agreement_create"),
    path("aftaler/<uuid:agreement_id>/", agreements.agreement_detail, name="agreement_detail"),
    path("aftaler/<uuid:agreement_id>/rediger/", agreements.agreement_edit, name="agreement_edit"),
    path(
        "aftaler/<uuid:agreement_id>/parter/<uuid:organisation_id>/",
        agreements.party_commitments,
        name="party_commitments",
    ),
    path("aftaler/<uuid:agreement_id>/dokument/", agreements.document_upload, name="document_upload"),
    path("dokumenter/<uuid:document_id>/", agreements.document_download, name="document_download"),
    # Governance bodies
    path("organer/", governance.body_list, name="body_list"),
    path("aftaler/<uuid:agreement_id>/organer/nyt/", governance.body_create, name="body_create"),
    path("organer/<uuid:body_id>/", governance.body_detail, name="body_detail"),
    path("organer/<uuid:body_id>/medlemmer/", governance.member_add, name="member_add"),
    path("medlemmer/<uuid:member_id>/fjern/", governance.member_remove, name="member_remove"),
    path("organer/<uuid:body_id>/moeder/nyt/", governance.meeting_create, name="governance_meeting_create"),
    path("moeder/<uuid:governance_meeting_id>/", governance.meeting_detail, name="governance_meeting_detail"),
    path("moeder/<uuid:governance_meeting_id>/rediger/", governance.meeting_edit, name="governance_meeting_edit"),
    path("moeder/<uuid:governance_meeting_id>/beslutninger/", governance.decision_add, name="decision_add"),
    # The partner's own pages
    path("min-side/", portal.portal, name="portal"),
    path("min-side/unge/<uuid:youth_id>/", portal.portal_youth, name="portal_youth"),
    path("min-side/unge/<uuid:youth_id>/fremmoede/", portal.portal_attendance, name="portal_attendance"),
    path("min-side/unge/<uuid:youth_id>/resultat/", portal.portal_outcome, name="portal_outcome"),
    path("min-side/unge/<uuid:youth_id>/besked/", portal.portal_message, name="portal_message"),
]
