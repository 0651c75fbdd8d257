import pytest

from portal.querysets import UMLAUTS_BASE, fold_text
from tests.factories import DocumentFactory, PageFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_search_finds_pages_with_german_stemming(client):
    PageFactory(title="Gemeinsamer Bauhof", body="<p>Drei Gemeinden betreiben ihre Bauhöfe gemeinsam.</p>")

    response = client.get("/suche/", {"q": "Gemeinde"})

    titles = [page.title for page in response.context["pages"]]
    assert "Gemeinsamer Bauhof" in titles
    assert "<mark>Gemeinden</mark>" in response.content.decode()


def test_search_without_match_offers_help(client):
    response = client.get("/suche/", {"q": "Xylophonorchester"})

    html = response.content.decode()
    assert "0 Treffer" in html
    assert "Wir haben nichts gefunden." in html


@pytest.mark.parametrize("count", [1, 3])
def test_search_query_count_does_not_grow_with_results(client, django_assert_num_queries, count):
    for n in range(count):
        PageFactory(title=f"Kooperation {n}", body="<p>Abwasser</p>")
        ProjectFactory(slug=f"abwasser-{n}", teaser="Gemeinsame Abwasserbeseitigung.", title=f"Abwasser {n}")
        DocumentFactory(slug=f"abwasser-{n}", title=f"Abwasservertrag {n}", text="Abwasser")

    # Pages, Kommunen (count), projects (count, list, Themenfelder, participants), documents (count, list).
    with django_assert_num_queries(8):
        response = client.get("/suche/", {"q": "Abwasser"})

    assert len(response.context["pages"]) == count
    assert response.context["projects_count"] == count
    assert response.context["documents_count"] == count


def test_search_finds_projects_and_documents_with_links_to_their_lists(client):
    ProjectFactory(slug="feuerwehr", title="Gemeinsame Feuerwehrschule", teaser="Die Feuerwehren bilden gemeinsam aus.")
    DocumentFactory(slug="v", title="Vereinbarung", text="Ausbildung der Feuerwehren")

    html = client.get("/suche/", {"q": "Feuerwehr"}).content.decode()

    assert "Projekte (1)" in html
    assert 'href="/projekte/feuerwehr/"' in html
    assert "Dokumente (1)" in html
    assert 'href="/dokumente/v/"' in html


def test_search_finds_kommunen_by_name_however_umlauts_are_typed(client):
    response = client.get("/suche/", {"q": "Koeln"})

    html = response.content.decode()
    assert [m.short_name for m in response.context["municipalities"]] == ["Köln", "Regierungsbezirk Köln"]
    assert 'href="/kommunen/koeln/"' in html
    assert "2 Treffer" in html


def test_search_counts_all_matching_kommunen_and_links_to_the_directory(client):
    response = client.get("/suche/", {"q": "bad"})

    html = response.content.decode()
    count = response.context["municipalities_count"]
    assert count > 10 == len(response.context["municipalities"])
    assert f"Kommunen ({count})" in html
    assert 'href="/kommunen/?q=bad"' in html


def test_search_does_not_match_every_stadt_by_its_official_name(client):
    response = client.get("/suche/", {"q": "Stadt"})

    names = [m.short_name for m in response.context["municipalities"]]
    assert response.context["municipalities_count"] < 30
    # Städteregion Aachen too: umlauts may be typed as their base letter.
    assert all("stadt" in fold_text(name, UMLAUTS_BASE) for name in names)
