"""URLs of the pathways app (mounted at /forloeb/)."""

from django.urls import path

from pathways.views import conferences, courses, flags, plan, tasks, week

app_name = "pathways"

urlpatterns = [
    path("unge/<uuid:youth_id>/", plan.plan, name="plan"),
    path("unge/<uuid:youth_id>/start/", plan.pathway_start, name="pathway_start"),
    path("unge/<uuid:youth_id>/afslut/", plan.pathway_close, name="pathway_close"),
    path("unge/<uuid:youth_id>/skridt/ny/", plan.step_create, name="step_create"),
    path("unge/<uuid:youth_id>/skridt/venter/", plan.step_wait, name="step_wait"),
    path("unge/<uuid:youth_id>/bold/", plan.ball_hand_over, name="ball_hand_over"),
    path("unge/<uuid:youth_id>/uge/", week.youth_week, name="youth_week"),
    path("unge/<uuid:youth_id>/opfoelgning/", plan.plan_review_create, name="plan_review_create"),
    path("eftervaern/<uuid:check_in_id>/", plan.aftercare_check_in, name="aftercare_check_in"),
    path("skridt/<uuid:step_id>/rediger/", plan.step_edit, name="step_edit"),
    path("skridt/<uuid:step_id>/flyt/", plan.step_move, name="step_move"),
    path("skridt/<uuid:step_id>/status/", plan.step_status, name="step_status"),
    path("skridt/<uuid:step_id>/resultat/", plan.step_outcome, name="step_outcome"),
    path("skridt/<uuid:step_id>/erstat/", plan.step_replace, name="step_replace"),
    path("uge/", week.caseload_week, name="caseload_week"),
    path("holdforloeb/", courses.course_list, name="courses"),
    path("holdforloeb/nyt/", courses.course_create, name="course_create"),
    path("holdforloeb/<uuid:course_id>/", courses.course_detail, name="course_detail"),
    path("holdforloeb/<uuid:course_id>/tilmeld/", courses.course_enrol, name="course_enrol"),
    path("sagsdroeftelser/", conferences.conference_list, name="conference_list"),
    path("sagsdroeftelser/ny/", conferences.conference_create, name="conference_create"),
    path("sagsdroeftelser/<uuid:conference_id>/", conferences.conference_detail, name="conference_detail"),
    path("sagsdroeftelser/<uuid:conference_id>/sager/", conferences.conference_pick, name="conference_pick"),
    path("sagsdroeftelser/<uuid:conference_id>/dagsorden/", conferences.conference_agenda, name="conference_agenda"),
    path(
        "sagsdroeftelser/<uuid:conference_id>/unge/<uuid:youth_id>/",
        conferences.conference_case,
        name="conference_case",
    ),
    path("sagsdroeftelser/<uuid:conference_id>/afslut/", conferences.conference_done, name="conference_done"),
    path(
        "sagsdroeftelser/<uuid:conference_id>/deltagere/",
        conferences.conference_attendee_add,
        name="conference_attendee_add",
    ),
    path(
        "sagsdroeftelser/<uuid:conference_id>/deltagere/<int:attendee_id>/fjern/",
        conferences.conference_attendee_remove,
        name="conference_attendee_remove",
    ),
    path("sagsdroeftelser/<uuid:conference_id>/referat/", conferences.conference_minutes, name="conference_minutes"),
    path("handlinger/", conferences.action_items, name="action_items"),
    path("opgaver/", tasks.task_list, name="task_list"),
    path("opgaver/ny/", tasks.task_create, name="task_create"),
    path("opgaver/<uuid:task_id>/udfoert/", tasks.task_done, name="task_done"),
    path("flag/", flags.flag_list, name="flag_list"),
]
