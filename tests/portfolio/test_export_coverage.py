"""The art. 15 export cannot forget a model: every model of every installed app
that refers to a youth (through foreign keys, however deep, or by public id)
is exported or named as left out with a reason."""

import datetime

from django.apps import apps
from django.db import models

from portfolio import export
from youths import services as youth_services
from youths.models import Youth


def _models_referring_to_youth(max_depth: int = 8) -> set[str]:
    found, frontier = set(), {Youth}
    for _ in range(max_depth):
        step = set()
        for model in apps.get_models():
            label = model._meta.label_lower
            if model is Youth or label in found:
                continue
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in frontier:
                    step.add(model)
        found |= {model._meta.label_lower for model in step}
        frontier = step
    return found


def _models_naming_a_youth_by_id() -> set[str]:
    return {
        model._meta.label_lower
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.UUIDField) and ("subject" in field.name or "youth" in field.name)
    }


def test_every_model_that_refers_to_a_youth_is_exported():
    exported = {model._meta.label_lower for model, _ in export.relation_paths()}
    missing = _models_referring_to_youth() - exported - export.SKIPPED_MODELS
    assert not missing, f"add these to portfolio/export.py (or SKIPPED_MODELS with a reason): {sorted(missing)}"


def test_models_that_name_a_youth_by_id_are_covered():
    assert _models_naming_a_youth_by_id() <= set(export.BY_PUBLIC_ID)


def test_the_walk_finds_the_apps_models():
    referring = _models_referring_to_youth()
    assert {"youths.contact", "youths.youthcorrection", "pathways.step", "portfolio.certificate"} <= referring


def test_corrections_keep_the_earlier_value_and_reach_the_export(alice):
    youth = youth_services.youth_create(
        by=alice,
        first_name="Åse",
        last_name="Ærø",
        birth_date=datetime.date(2004, 6, 1),
        target_group="other",
        phone="11111111",
    )
    youth_services.youth_update(youth=youth, by=alice, version=youth.version, phone="22222222", cpr="0106044234")
    youth.refresh_from_db()
    data = export.data_export(youth)
    (section,) = [s for s in data["data"] if s["section"] == "tidligere værdier"]
    values = {row["oplysning"]: row["tidligere værdi"] for row in section["rows"]}
    assert values["telefon"] == "11111111" and youth.phone == "22222222"
    assert "keys" in data and "lookups.purpose" in data["keys"]


def test_the_case_file_shows_earlier_values(client, alice):
    youth = youth_services.youth_create(
        by=alice,
        first_name="Åse",
        last_name="Ærø",
        birth_date=datetime.date(2004, 6, 1),
        target_group="other",
        phone="11111111",
    )
    youth_services.youth_update(youth=youth, by=alice, version=youth.version, phone="22222222")
    client.force_login(alice)
    body = client.get(f"/unge/{youth.public_id}/").content.decode()
    assert "Tidligere værdier" in body and "11111111" in body
