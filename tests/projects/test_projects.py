import csv
import datetime
import io
import json

import pytest

from portal.models import Municipality
from projects.models import Participant, Project
from projects.services import refresh_project, unpublish_projects
from tests.factories import DocumentFactory, PartnerRequestFactory, ProjectFactory

pytestmark = pytest.mark.django_db

FIRE = "feuerwehr-und-katastrophenschutz"


def kommune(slug):
    return Municipality.objects.get(slug=slug)


@pytest.fixture
def fire_project():
    """A fire brigade project in the Kreis Borken (Regierungsbezirk Münster)."""
    return ProjectFactory(
        title="Gemeinsame Atemschutzwerkstatt",
        slug="atemschutzwerkstatt",
        teaser="Die Feuerwehren von Borken und Heiden warten ihre Atemschutzgeräte gemeinsam.",
        participants__lead=kommune("borken"),
        participants__partners=[kommune("heiden"), "GPA NRW"],
        participants__topics=[FIRE],
        participants__tags=["Atemschutz"],
    )


@pytest.fixture
def other_project():
    """A finance project in Düsseldorf's Bezirk."""
    return ProjectFactory(
        title="Zentrale Vollstreckungsstelle",
        slug="vollstreckungsstelle",
        teaser="Zwei Städte treiben offene Forderungen gemeinsam ein.",
        form="zweckverband",
        status="abgeschlossen",
        participants__lead=kommune("ratingen"),
        participants__partners=[kommune("heiligenhaus")],
        participants__topics=["finanzen-und-steuern"],
    )


def test_list_shows_published_projects_with_count(client, fire_project, other_project):
    ProjectFactory(title="Geheimer Entwurf", slug="entwurf", is_published=False)

    response = client.get("/projekte/")

    page = response.content.decode()
    assert "Alle 2 Projekte" in page
    assert "Gemeinsame Atemschutzwerkstatt" in page
    assert "Zentrale Vollstreckungsstelle" in page
    assert "Geheimer Entwurf" not in page


def test_search_finds_inflected_words_and_shows_the_passage(client, fire_project, other_project):
    response = client.get("/projekte/", {"q": "Feuerwehr"})

    page = response.content.decode()
    assert "1 Projekt passt zu Ihrer Auswahl" in page
    assert "<mark>Feuerwehren</mark> von Borken und Heiden" in page
    assert "Zentrale Vollstreckungsstelle" not in page


def test_search_finds_participants_and_keywords(fire_project, other_project):
    assert list(Project.objects.search("Heiden")) == [fire_project]
    assert list(Project.objects.search("Atemschutz")) == [fire_project]
    assert list(Project.objects.search("GPA")) == [fire_project]


def test_region_filter_finds_projects_of_gemeinden_in_the_bezirk(client, fire_project, other_project):
    response = client.get("/projekte/", {"regierungsbezirk": "regierungsbezirk-muenster", "themenfeld": FIRE})

    assert [p.slug for p in response.context["page_obj"]] == ["atemschutzwerkstatt"]
    assert response.context["filter"].active


def test_kreis_filter_includes_the_kreis_gemeinden(fire_project, other_project):
    found = Project.objects.published().involving(kommune("kreis-borken"))

    assert list(found) == [fire_project]


def test_facets_count_each_value_under_the_other_filters(client, fire_project, other_project):
    response = client.get("/projekte/", {"themenfeld": FIRE})

    facets = {facet.name: facet for facet in response.context["facets"]}
    topics = {option.value: option.count for option in facets["themenfeld"].options}
    bezirke = {option.label: option.count for option in facets["regierungsbezirk"].options}
    forms = {option.value: option.count for option in facets["form"].options}
    # The Themenfeld facet ignores its own choice, so the other Themenfeld still shows its project.
    assert topics[FIRE] == 1
    assert topics["finanzen-und-steuern"] == 1
    # The other facets count within the chosen Themenfeld.
    assert bezirke["Regierungsbezirk Münster"] == 1
    assert bezirke["Regierungsbezirk Düsseldorf"] == 0
    assert forms == {
        "vereinbarung": 1,
        "zweckverband": 0,
        **{k: 0 for k in forms if k not in ("vereinbarung", "zweckverband")},
    }
    assert [o.value for o in facets["themenfeld"].selected] == [FIRE]


def test_each_facet_count_is_what_choosing_the_value_shows(client, fire_project, other_project):
    ProjectFactory(
        slug="leitstelle",
        start=datetime.date(2019, 3, 1),
        is_lighthouse=True,
        participants__lead=kommune("heiden"),
        participants__partners=[kommune("kreis-borken")],
        participants__topics=[FIRE, "digitalisierung-und-it"],
        participants__tags=["Atemschutz", "Leitstelle"],
    )
    chosen = {"themenfeld": FIRE, "status": "umsetzung"}

    facets = client.get("/projekte/", chosen).context["facets"]

    checked = 0
    for facet in facets:
        for option in facet.options:
            response = client.get("/projekte/", {**chosen, facet.name: option.value})
            assert response.context["page_obj"].paginator.count == option.count, (facet.name, option.value)
            checked += 1
    assert checked > 30


def test_facet_counts_follow_a_change_of_participants(client, fire_project):
    before = {facet.name: facet for facet in client.get("/projekte/").context["facets"]}  # now in the cache
    Participant.objects.create(project=fire_project, municipality=kommune("kleve"), role="partner", position=5)
    refresh_project(project=fire_project)

    after = {facet.name: facet for facet in client.get("/projekte/").context["facets"]}

    assert "Kleve" not in {o.label for o in before["kommune"].options}
    assert {o.label: o.count for o in after["kommune"].options}["Kleve"] == 1
    assert {o.label: o.count for o in after["kreis"].options}["Kreis Kleve"] == 1


def test_facet_counts_follow_unpublishing(client, fire_project, other_project):
    client.get("/projekte/")  # the counts are now in the cache
    unpublish_projects(projects=Project.objects.filter(pk=other_project.pk))

    response = client.get("/projekte/")

    topics = {o.value: o.count for o in response.context["facets"][0].options}
    assert topics["finanzen-und-steuern"] == 0
    assert response.context["page_obj"].paginator.count == 1


def test_several_values_of_a_facet_are_alternatives(client, fire_project, other_project):
    response = client.get("/projekte/", {"status": ["umsetzung", "abgeschlossen"]})

    assert response.context["page_obj"].paginator.count == 2


def test_invalid_filter_value_gives_a_message_not_an_error(client, fire_project):
    response = client.get("/projekte/", {"regierungsbezirk": "atlantis"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ein Filter war ungültig" in page
    assert "Diesen Regierungsbezirk gibt es nicht" in page
    bezirk = next(facet for facet in response.context["facets"] if facet.name == "regierungsbezirk")
    assert bezirk.errors == ["Diesen Regierungsbezirk gibt es nicht. Bitte wählen Sie aus der Liste."]
    assert 'id="f-regierungsbezirk-error"' in page
    assert 'aria-describedby="f-regierungsbezirk-error" aria-invalid="true"' in page


def test_empty_parameters_are_dropped_from_the_url(client):
    response = client.get("/projekte/?q=&themenfeld=" + FIRE + "&kreis=")

    assert response.status_code == 302
    assert response["Location"] == "/projekte/?themenfeld=" + FIRE


def test_sort_by_title_in_german_order(client):
    for title in ["Zweckverband Ost", "Ärztlicher Notdienst", "Bauhof"]:
        ProjectFactory(title=title, slug=title.lower().replace(" ", "-").replace("ä", "ae"))

    response = client.get("/projekte/", {"sortierung": "titel"})

    assert [p.title for p in response.context["page_obj"]] == ["Ärztlicher Notdienst", "Bauhof", "Zweckverband Ost"]


def test_empty_result_gives_help(client, fire_project):
    response = client.get("/projekte/", {"q": "Raumfahrt"})

    page = response.content.decode()
    assert "0 Projekte passen zu Ihrer Auswahl" in page
    assert "Dazu haben wir kein Projekt gefunden" in page
    assert "/dokumente/?q=Raumfahrt" in page


def test_list_paginates_twenty_per_page(client):
    for n in range(21):
        ProjectFactory(title=f"Projekt {n:02d}", slug=f"projekt-{n}")

    response = client.get("/projekte/", {"sortierung": "titel", "seite": 2})

    assert [p.title for p in response.context["page_obj"]] == ["Projekt 20"]
    assert 'href="?sortierung=titel&amp;seite=1"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for n in range(count):
        ProjectFactory(
            slug=f"p-{n}",
            participants__lead=kommune("borken"),
            participants__partners=[kommune("heiden")],
            participants__topics=[FIRE],
            participants__tags=["Bauhof"],
        )

    # The chosen Bezirk; the facet counts (one statement for the facets not chosen, which also counts the
    # list, one for the Bezirk); the names of Themenfelder, Kommunen and Stichworte; the page with its
    # Themenfelder and participants. An anonymous visit needs no session query.
    with django_assert_num_queries(9):
        client.get("/projekte/", {"q": "Bauhof", "regierungsbezirk": "regierungsbezirk-muenster"})


def test_detail_shows_the_steckbrief(client, fire_project):
    document = DocumentFactory(title="Vereinbarung Atemschutz", slug="vereinbarung-atemschutz", projects=[fire_project])

    response = client.get("/projekte/atemschutzwerkstatt/")

    page = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Gemeinsame Atemschutzwerkstatt</h1>' in page
    assert 'href="/kommunen/borken/"' in page
    assert 'href="/kommunen/heiden/"' in page
    assert "GPA NRW" in page
    assert document.get_download_url() in page
    assert [area.css_class for area in response.context["map"].areas] == ["map-area--lead", "map-area--partner"]


@pytest.mark.parametrize("count", [1, 3])
def test_detail_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    partners = list(Municipality.objects.filter(kreis__slug="kreis-borken").exclude(slug="borken")[:count])
    project = ProjectFactory(slug="p", participants__lead=kommune("borken"), participants__partners=partners)
    ProjectFactory(slug="nachbar", participants__lead=kommune("gescher"))
    for n in range(count):
        DocumentFactory(slug=f"d-{n}", projects=[project])

    # Project, participants, Themenfelder, Stichworte, images, documents, the map's borders; similar
    # projects (the project's Themenfelder and Kreise, the ranking, their Themenfelder); Landespreis awards.
    with django_assert_num_queries(12):
        client.get(project.get_absolute_url())


def test_contact_is_shown_only_with_consent(client, fire_project):
    fire_project.contact_name = "Petra Beispiel"
    fire_project.contact_email = "petra.beispiel@example.org"
    fire_project.save()

    without = client.get(fire_project.get_absolute_url()).content.decode()
    fire_project.contact_consent = True
    fire_project.save()
    with_consent = client.get(fire_project.get_absolute_url()).content.decode()

    assert "petra.beispiel@example.org" not in without
    assert "petra.beispiel@example.org" in with_consent


def test_similar_projects_share_themenfelder_or_kreise(fire_project, other_project):
    neighbour = ProjectFactory(slug="nachbar", participants__lead=kommune("gescher"))
    same_topic = ProjectFactory(slug="thema", participants__lead=kommune("bonn"), participants__topics=[FIRE])

    similar = list(Project.objects.similar_to(fire_project))

    assert similar == [same_topic, neighbour]


def test_draft_is_hidden_from_visitors_and_previewed_for_editors(client, admin_client, fire_project):
    Project.objects.filter(pk=fire_project.pk).update(is_published=False)

    assert client.get(fire_project.get_absolute_url()).status_code == 404
    preview = admin_client.get(fire_project.get_absolute_url()).content.decode()
    assert "Vorschau: Dieses Projekt ist ein Entwurf" in preview


def test_csv_export_opens_in_excel_and_holds_the_filtered_list(client, fire_project, other_project):
    response = client.get("/projekte/export.csv", {"themenfeld": FIRE})

    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Titel", "Adresse", "Kurzbeschreibung"]
    assert [row[0] for row in rows[1:]] == ["Gemeinsame Atemschutzwerkstatt"]
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Hauptverantwortlich"] == kommune("borken").name
    assert record["Weitere Beteiligte"] == "GPA NRW"
    assert "dl-de/by-2-0" in response["Link"]


def test_json_export_states_the_licence(client, fire_project, other_project):
    response = client.get("/projekte/export.json")

    data = json.loads(response.content)
    assert data["lizenz"]["id"] == "dl-de/by-2.0"
    assert data["anzahl"] == 2
    assert {p["Titel"] for p in data["projekte"]} == {"Gemeinsame Atemschutzwerkstatt", "Zentrale Vollstreckungsstelle"}
    assert "Ansprechperson" not in data["projekte"][0]


def test_municipality_page_lists_projects_and_partners(client, fire_project, other_project):
    response = client.get("/kommunen/borken/")

    page = response.content.decode()
    assert "Hauptverantwortlich für 1 Projekt" in page
    assert [p.slug for p in response.context["lead_projects"]] == ["atemschutzwerkstatt"]
    assert [m.slug for m in response.context["partners"]] == ["heiden"]
    partner_page = client.get("/kommunen/heiden/")
    assert [p.slug for p in partner_page.context["partner_projects"]] == ["atemschutzwerkstatt"]


def test_directory_map_colours_kommunen_by_project_count(client, fire_project, other_project):
    response = client.get("/kommunen/")

    areas = {area.slug: area for area in response.context["map"].areas}
    assert areas["borken"].css_class == "map-area--n1"
    assert areas["borken"].label == "Borken (kreisangehörige Stadt): 1 Kooperationsprojekt"
    assert areas["bonn"].css_class == "map-area--n0"


@pytest.mark.parametrize("count", [1, 3])
def test_municipality_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    partners = list(Municipality.objects.filter(kreis__slug="kreis-borken").exclude(slug="borken")[:count])
    for n in range(count):
        ProjectFactory(slug=f"lead-{n}", participants__lead=kommune("borken"), participants__partners=partners)
        ProjectFactory(slug=f"partner-{n}", participants__lead=partners[0], participants__partners=[kommune("borken")])
        PartnerRequestFactory(region=kommune("kreis-borken"))

    # The Kommune, the map; the counts of its projects; projects as lead and as partner, each with
    # Themenfelder and participants; partners; its open partner requests with their region; Landespreis awards.
    with django_assert_num_queries(12):
        client.get("/kommunen/borken/")


@pytest.mark.parametrize("count", [1, 3])
def test_export_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for n in range(count):
        ProjectFactory(slug=f"p-{n}", participants__lead=kommune("borken"), participants__partners=[kommune("heiden")])

    # The projects, their Themenfelder, Stichworte and participants with their Kommunen.
    with django_assert_num_queries(4):
        b"".join(client.get("/projekte/export.csv").streaming_content)


def test_export_refuses_an_invalid_filter(client, fire_project):
    response = client.get("/projekte/export.json", {"regierungsbezirk": "atlantis"})

    assert response.status_code == 400
    assert "Ein Filter ist ungültig" in response.content.decode()


def test_csv_cells_never_start_a_formula(client):
    ProjectFactory(slug="formel", title="=HYPERLINK(1)")

    content = b"".join(client.get("/projekte/export.csv").streaming_content).decode()

    assert "'=HYPERLINK(1)" in content
