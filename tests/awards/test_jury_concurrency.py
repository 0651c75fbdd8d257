"""The category's row lock: a score sent while the chair records the winners waits, then is refused."""

import threading

import pytest
from django.db import connection, transaction

from awards import scoring
from awards.models import Score
from portal.services import sync_municipalities
from tests.factories import EntryFactory, jury_round


@pytest.mark.django_db(transaction=True)
def test_a_score_sent_while_the_chair_decides_waits_for_the_decision_and_is_refused():
    sync_municipalities()  # a transactional test may start after another one emptied the tables
    round_, category, criteria, members = jury_round(year=2027, members=["jury-a"])
    entry = EntryFactory(round=round_, category=category)
    outcome = []

    def score():
        try:
            scoring.record_scores(member=members["jury-a"], entry=entry, values={criteria[0].pk: (9, "")})
            outcome.append("gespeichert")
        except scoring.JuryRefusedError as refused:
            outcome.append(refused.message)
        finally:
            connection.close()

    with transaction.atomic():
        scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=[entry])
        # The decision is not committed yet: the member's score has to wait for the category's row.
        member_thread = threading.Thread(target=score)
        member_thread.start()
        member_thread.join(timeout=1)
        waited = member_thread.is_alive()
    member_thread.join(timeout=30)

    assert waited is True
    assert outcome == ["Die Preisträger dieser Kategorie stehen fest; die Bewertungen sind endgültig."]
    assert Score.objects.count() == 0
