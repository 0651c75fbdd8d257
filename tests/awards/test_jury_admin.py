"""The round's admin keeps the jury's scores: no juror or criterion that scores hang on is removed, no criterion
added once the jury has scored, no weight changed once a category is decided."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from awards.models import Category, Criterion, JuryMember, Score
from tests.factories import EntryFactory, UserFactory, jury_round, score_entry

pytestmark = pytest.mark.django_db

CRITERIA = (("Gewinn der Kooperation", 1), ("Grad der Innovation", 2))


@pytest.fixture
def scored():
    """A round in the jury phase; jury-a has scored an entry, jury-b has not."""
    round_, category, criteria, members = jury_round(year=2027, criteria=CRITERIA, members=["jury-a", "jury-b"])
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-a"], [4, 8])
    return round_, category, criteria, members


def change_form(round_, **changes) -> dict:
    """What the round's change page posts, its inlines as they are, with `changes` applied."""
    opens, closes = timezone.localtime(round_.entries_open_at), timezone.localtime(round_.entries_close_at)
    data = {
        "year": round_.year,
        "title": round_.title,
        "state": round_.state,
        "is_published": "on",
        "entries_open_at_0": f"{opens:%d.%m.%Y}",
        "entries_open_at_1": f"{opens:%H:%M:%S}",
        "entries_close_at_0": f"{closes:%d.%m.%Y}",
        "entries_close_at_1": f"{closes:%H:%M:%S}",
        "min_municipal_partners": 2,
        "one_entry_per_lead": "on",
        "excluded_organisation_kinds": ["sparkasse"],
        "score_max": 10,
        "intro": "<p>Start</p>",
    }
    inlines = {
        "categories": [
            {"position": c.position, "name": c.name, "prize_money": c.prize_money, "description": c.description}
            for c in Category.objects.filter(round=round_).order_by("position", "pk")
        ],
        "criteria": [
            {"position": c.position, "name": c.name, "weight": c.weight, "description": c.description}
            for c in Criterion.objects.filter(round=round_).order_by("position", "pk")
        ],
        "jury_members": [
            {"user": m.user_id, "affiliation": m.affiliation, "is_chair": "on" if m.is_chair else ""}
            for m in JuryMember.objects.filter(round=round_).order_by("pk")
        ],
    }
    ids = {
        "categories": list(Category.objects.filter(round=round_).order_by("position", "pk").values_list("pk", flat=1)),
        "criteria": list(Criterion.objects.filter(round=round_).order_by("position", "pk").values_list("pk", flat=1)),
        "jury_members": list(JuryMember.objects.filter(round=round_).order_by("pk").values_list("pk", flat=True)),
    }
    for prefix, rows in inlines.items():
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for n, (pk, row) in enumerate(zip(ids[prefix], rows, strict=True)):
            data[f"{prefix}-{n}-id"] = pk
            data[f"{prefix}-{n}-round"] = round_.pk
            for name, value in row.items():
                if value != "":
                    data[f"{prefix}-{n}-{name}"] = value
    data.update(changes)
    return data


def row(prefix, round_, obj) -> int:
    """The inline form's index of `obj` in change_form()."""
    model = type(obj)
    order = ["pk"] if prefix == "jury_members" else ["position", "pk"]
    return list(model.objects.filter(round=round_).order_by(*order).values_list("pk", flat=True)).index(obj.pk)


def save(admin_client, round_, **changes):
    return admin_client.post(reverse("admin:awards_round_change", args=[round_.pk]), change_form(round_, **changes))


def test_the_unchanged_form_saves(admin_client, scored):
    round_ = scored[0]

    response = save(admin_client, round_)

    assert response.status_code == 302, response.context["errors"] if response.context else response


def test_a_juror_who_has_scored_stays_in_the_jury(admin_client, scored):
    round_, _, _, members = scored
    n = row("jury_members", round_, members["jury-a"])

    response = save(admin_client, round_, **{f"jury_members-{n}-DELETE": "on"})

    html = response.content.decode()
    assert f"„{members['jury-a']}“ hat schon bewertet und bleibt in der Jury" in html
    assert "geschützten verwandten Objekte" not in html  # not Django's list of every score
    assert JuryMember.objects.filter(pk=members["jury-a"].pk).exists()
    assert Score.objects.filter(member=members["jury-a"]).count() == 2


def test_a_juror_who_has_not_scored_can_be_removed(admin_client, scored):
    round_, _, _, members = scored
    n = row("jury_members", round_, members["jury-b"])

    response = save(admin_client, round_, **{f"jury_members-{n}-DELETE": "on"})

    assert response.status_code == 302
    assert not JuryMember.objects.filter(pk=members["jury-b"].pk).exists()


def test_the_account_of_a_juror_who_has_scored_cannot_be_swapped(admin_client, scored):
    round_, _, _, members = scored
    stranger = UserFactory(username="jemand-anders", groups=["Jury"])
    n = row("jury_members", round_, members["jury-a"])

    response = save(admin_client, round_, **{f"jury_members-{n}-user": stranger.pk})

    assert f"Das Benutzerkonto von „{members['jury-a']}“ lässt sich nicht austauschen" in response.content.decode()
    assert JuryMember.objects.get(pk=members["jury-a"].pk).user.username == "jury-a"


def test_a_criterion_the_jury_has_scored_by_cannot_be_deleted(admin_client, scored):
    round_, _, criteria, _ = scored
    n = row("criteria", round_, criteria[1])

    response = save(admin_client, round_, **{f"criteria-{n}-DELETE": "on"})

    assert "Das Kriterium „Grad der Innovation“ lässt sich nicht löschen" in response.content.decode()
    assert Criterion.objects.filter(pk=criteria[1].pk).exists()
    assert Score.objects.count() == 2


def test_no_criterion_is_added_once_the_jury_has_scored(admin_client, scored):
    round_ = scored[0]

    response = save(
        admin_client,
        round_,
        **{
            "criteria-TOTAL_FORMS": 3,
            "criteria-2-position": 3,
            "criteria-2-name": "Übertragbarkeit",
            "criteria-2-weight": 1,
        },
    )

    assert "Ein neues Kriterium lässt sich nicht mehr anlegen" in response.content.decode()
    assert Criterion.objects.filter(round=round_).count() == 2


def test_criteria_may_change_before_anyone_has_scored(admin_client):
    round_, _, criteria, _ = jury_round(year=2027, criteria=CRITERIA)

    response = save(
        admin_client,
        round_,
        **{
            "criteria-0-DELETE": "on",
            "criteria-1-weight": 3,
            "criteria-TOTAL_FORMS": 3,
            "criteria-2-position": 3,
            "criteria-2-name": "Übertragbarkeit",
            "criteria-2-weight": 1,
        },
    )

    assert response.status_code == 302
    assert list(Criterion.objects.filter(round=round_).values_list("name", "weight")) == [
        ("Grad der Innovation", 3),
        ("Übertragbarkeit", 1),
    ]


def test_weights_are_final_once_a_category_is_decided(admin_client, scored):
    round_, category, criteria, _ = scored
    n = row("criteria", round_, criteria[1])
    before = save(admin_client, round_, **{f"criteria-{n}-weight": 3})
    Category.objects.filter(pk=category.pk).update(decided_at=timezone.now())

    after = save(admin_client, round_, **{f"criteria-{n}-weight": 1})

    assert before.status_code == 302
    assert "Die Gewichte lassen sich nicht mehr ändern" in after.content.decode()
    assert Criterion.objects.get(pk=criteria[1].pk).weight == 3


def test_scores_protect_their_juror_and_criterion(scored):
    round_, _, criteria, members = scored

    with pytest.raises(ProtectedError):
        members["jury-a"].delete()
    with pytest.raises(ProtectedError):
        criteria[0].delete()
    assert Score.objects.count() == 2
