import re
from collections import Counter
from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from portal import maps
from portal.models import Municipality
from portal.permissions import EDITORS_GROUP
from portal.querysets import UMLAUTS_BASE, fold_text
from portal.services import read_municipality_data, sync_municipalities
from tests.factories import PartnerRequestFactory

pytestmark = pytest.mark.django_db

GEMEINDE = Municipality.Kind.GEMEINDE
STADT = Municipality.Kind.STADT
KREISFREI = Municipality.Kind.KREISFREIE_STADT


def kommune(slug):
    return Municipality.objects.get(slug=slug)


# --- Reference data ----------------------------------------------------------------------------


def test_reference_data_has_every_kommune_of_nrw():
    counts = Counter(Municipality.objects.values_list("kind", flat=True))

    assert counts == {
        "kreisfreie_stadt": 22,
        "stadt": 249,
        "gemeinde": 125,
        "kreis": 31,
        "regierungsbezirk": 5,
        "landschaftsverband": 2,
    }
    assert Municipality.objects.gemeinden().count() == 396


def test_every_gemeinde_lies_in_its_kreis_and_every_kreis_in_one_bezirk():
    for gemeinde in Municipality.objects.filter(kind__in=[STADT, GEMEINDE]).select_related("kreis"):
        assert len(gemeinde.ags) == 8
        assert gemeinde.ags.startswith(gemeinde.kreis.ags), gemeinde
        assert gemeinde.regierungsbezirk_id == gemeinde.kreis.regierungsbezirk_id, gemeinde
    for unit in Municipality.objects.kreis_level().select_related("regierungsbezirk"):
        assert len(unit.ags) == 5
        assert unit.kreis_id is None
        assert unit.ags.startswith(unit.regierungsbezirk.ags), unit


def test_landschaftsverbaende_group_the_bezirke():
    lvr, lwl = kommune("landschaftsverband-rheinland"), kommune("landschaftsverband-westfalen-lippe")

    assert [b.short_name for b in Municipality.objects.regierungsbezirke().filter(landschaftsverband=lvr)] == [
        "Regierungsbezirk Düsseldorf",
        "Regierungsbezirk Köln",
    ]
    assert [b.short_name for b in Municipality.objects.regierungsbezirke().filter(landschaftsverband=lwl)] == [
        "Regierungsbezirk Arnsberg",
        "Regierungsbezirk Detmold",
        "Regierungsbezirk Münster",
    ]
    # Their members are the Kreise and kreisfreie Städte.
    assert (Municipality.objects.members_of(lvr).count(), Municipality.objects.members_of(lwl).count()) == (26, 27)
    assert kommune("schwelm").landschaftsverband == lwl
    assert lvr.short_name == "LVR"


def test_names_kinds_and_spitzenverband_of_known_kommunen():
    aachen_region, aachen = kommune("staedteregion-aachen"), kommune("aachen")
    koeln, hennef = kommune("koeln"), kommune("hennef-sieg")

    assert (aachen_region.kind, aachen_region.ags, aachen_region.spitzenverband) == ("kreis", "05334", "landkreistag")
    assert (aachen.kind, aachen.kreis, aachen.spitzenverband) == (STADT, aachen_region, "staedtetag")
    assert (koeln.name, koeln.kind, koeln.ags, koeln.spitzenverband) == ("Stadt Köln", KREISFREI, "05315", "staedtetag")
    assert (hennef.name, hennef.short_name, hennef.spitzenverband) == ("Stadt Hennef (Sieg)", "Hennef (Sieg)", "stgb")
    assert kommune("rhein-sieg-kreis").name == "Rhein-Sieg-Kreis"
    assert kommune("kreis-borken").name == "Kreis Borken"


@pytest.mark.parametrize(
    ("slug", "phrase"),
    [
        ("kreis-borken", "im Kreis Borken"),
        ("maerkischer-kreis", "im Märkischen Kreis"),
        ("rheinisch-bergischer-kreis", "im Rheinisch-Bergischen Kreis"),
        ("ennepe-ruhr-kreis", "im Ennepe-Ruhr-Kreis"),
        ("staedteregion-aachen", "in der Städteregion Aachen"),
        ("regierungsbezirk-koeln", "im Regierungsbezirk Köln"),
        ("landschaftsverband-rheinland", "im Landschaftsverband Rheinland"),
    ],
)
def test_names_read_correctly_after_a_preposition(slug, phrase):
    assert kommune(slug).with_preposition == phrase


def test_areas_are_computed_from_the_boundaries():
    gemeinden = Municipality.objects.gemeinden()

    total = sum(m.area_km2 for m in gemeinden)
    # NRW: 34,112 km² (IT.NRW); VG250 generalises the boundaries a little.
    assert 34_050 < total < 34_150
    assert 400 < kommune("koeln").area_km2 < 410
    assert abs(kommune("kreis-borken").area_km2 - sum(m.area_km2 for m in kommune("kreis-borken").gemeinden.all())) < 1


# --- The derived data file ---------------------------------------------------------------------


def rings(path_data):
    """Rings of points from our compact SVG paths (absolute move, relative lines)."""
    result = []
    for ring in re.findall(r"M([^z]+)z", path_data):
        start, rest = ring.split("l")
        x, y = map(int, start.split())
        points = [(x, y)]
        numbers = [int(n) for n in re.findall(r"-?\d+", rest)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        result.append(points)
    return result


def edges(path_data):
    for ring in rings(path_data):
        yield from zip(ring, ring[1:] + ring[:1], strict=True)


def test_data_file_borders_are_shared_without_overlaps_or_gaps():
    records = read_municipality_data()["records"]
    gemeinde_edges = Counter(e for r in records if r["kind"] in Municipality.GEMEINDE_KINDS for e in edges(r["shape"]))
    verband_edges = Counter(e for r in records if r["kind"] == "landschaftsverband" for e in edges(r["shape"]))

    # No side of a border is claimed twice (an overlap) ...
    assert max(gemeinde_edges.values()) == 1
    # ... and every border inside NRW is drawn by the Gemeinden on both sides (no gap): what is left
    # unpaired is exactly the outline of NRW, which the two Landschaftsverbände share.
    unpaired = {e for e in gemeinde_edges if (e[1], e[0]) not in gemeinde_edges}
    nrw_outline = {e for e in verband_edges if (e[1], e[0]) not in verband_edges}
    assert unpaired == nrw_outline
    assert len(nrw_outline) > 1000


def test_map_settings_match_the_data_file():
    data = read_municipality_data()

    assert (data["map"]["width"], data["map"]["height"]) == (maps.MAP_WIDTH, maps.MAP_HEIGHT)
    assert maps.ATTRIBUTION == data["attribution"] == "© GeoBasis-DE / BKG (2016)"


# --- Loading ----------------------------------------------------------------------------------


def test_loading_again_changes_nothing():
    before = list(Municipality.objects.order_by("pk").values())

    result = sync_municipalities()

    assert (result.created, result.updated, result.unchanged) == (0, 0, 434)
    assert list(Municipality.objects.order_by("pk").values()) == before


def test_loading_keeps_editors_changes_and_restores_reference_data():
    schwelm = kommune("schwelm")
    schwelm.short_name = "Schwelm (Ennepe)"
    schwelm.population = 28_500
    schwelm.population_date = date(2024, 12, 31)
    schwelm.shape = "M0 0l1 0 0 1z"
    schwelm.save()
    Municipality.objects.filter(slug="heek").delete()

    result = sync_municipalities()

    schwelm.refresh_from_db()
    assert (result.created, result.updated) == (1, 1)
    assert (schwelm.short_name, schwelm.population) == ("Schwelm (Ennepe)", 28_500)
    assert schwelm.shape == next(r["shape"] for r in read_municipality_data()["records"] if r["slug"] == "schwelm")
    assert kommune("heek").kreis == kommune("kreis-borken")


def test_loading_finds_a_kommune_whose_key_changed_by_its_slug():
    Municipality.objects.filter(slug="heek").update(ags="05554099")

    result = sync_municipalities()

    assert (result.created, result.updated) == (0, 1)
    assert kommune("heek").ags == "05554024"


def test_load_municipalities_command_dry_run_saves_nothing(capsys):
    Municipality.objects.filter(slug="heek").delete()

    call_command("load_municipalities", "--dry-run")

    assert "1 neu" in capsys.readouterr().out
    assert not Municipality.objects.filter(slug="heek").exists()


# --- Reads ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Muelheim", "mulheim", "Mülheim", "MÜLHEIM AN DER RUHR", " mülheim  an der "])
def test_search_finds_names_however_umlauts_are_typed(query):
    assert list(Municipality.objects.search(query).values_list("slug", flat=True)) == ["muelheim-an-der-ruhr"]


def test_by_name_sorts_umlauts_with_their_base_letter():
    names = list(Municipality.objects.gemeinden().by_name().values_list("short_name", flat=True))

    assert names.index("Troisdorf") < names.index("Übach-Palenberg") < names.index("Unna")
    assert names == sorted(names, key=lambda name: (fold_text(name, UMLAUTS_BASE), name))


# --- Directory --------------------------------------------------------------------------------


def test_directory_shows_map_of_every_gemeinde_and_the_list(client):
    response = client.get(reverse("municipalities:list"))
    html = response.content.decode()

    assert html.count('<a class="map-area') == 396
    assert html.count("<title>") == 1 + 396
    assert "<title>Mülheim an der Ruhr (kreisfreie Stadt): 0 Kooperationsprojekte</title>" in html
    assert "© GeoBasis-DE / BKG (2016)" in html
    assert "Alle 434 Einträge" in html
    assert [m.short_name for m in response.context["page_obj"]][:3] == ["Aachen", "Ahaus", "Ahlen"]
    assert ' style="' not in html


def test_directory_is_sent_compressed(client):
    response = client.get(reverse("municipalities:list"), headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 80_000


def test_directory_filters_by_name_bezirk_kreis_and_kind(client):
    url = reverse("municipalities:list")

    by_name = client.get(url, {"q": "Muelheim"}).context["page_obj"]
    by_kreis = client.get(url, {"kreis": "kreis-borken", "art": "gemeinde"}).context["page_obj"]
    by_bezirk = client.get(url, {"regierungsbezirk": "regierungsbezirk-koeln", "art": "kreisfreie_stadt"}).context[
        "page_obj"
    ]

    assert [m.short_name for m in by_name] == ["Mülheim an der Ruhr"]
    assert [m.short_name for m in by_kreis] == [
        "Heek",
        "Heiden",
        "Legden",
        "Raesfeld",
        "Reken",
        "Schöppingen",
        "Südlohn",
    ]
    assert [m.short_name for m in by_bezirk] == ["Bonn", "Köln", "Leverkusen"]


def test_directory_shows_an_empty_state_and_keeps_the_input(client):
    response = client.get(reverse("municipalities:list"), {"q": "Atlantis"})
    html = response.content.decode()

    assert "0 Einträge passen zu Ihrer Auswahl" in html
    assert "Prüfen Sie die Schreibweise" in html
    assert "liegt nicht in diesem Regierungsbezirk" not in html
    assert 'value="Atlantis"' in html


def test_directory_explains_an_unknown_filter_value_next_to_the_field(client):
    response = client.get(reverse("municipalities:list"), {"kreis": "kreis-atlantis"})
    html = response.content.decode()

    assert response.status_code == 200
    assert 'id="id_kreis_error"' in html
    assert "Diesen Kreis gibt es nicht. Bitte wählen Sie einen aus der Liste." in html
    assert response.context["page_obj"].paginator.count == 434


def test_directory_drops_empty_filters_from_the_address(client):
    response = client.get(reverse("municipalities:list"), {"q": "", "kreis": "", "art": "stadt", "seite": "2"})

    assert response.status_code == 302
    assert response["Location"] == "/kommunen/?art=stadt&seite=2"


def test_directory_pages_keep_the_filters(client):
    response = client.get(reverse("municipalities:list"), {"art": "stadt", "seite": 2})
    html = response.content.decode()

    assert response.context["page_obj"].start_index() == 51
    assert response.context["page_obj"].paginator.count == 249
    assert 'href="?art=stadt&amp;seite=3"' in html
    assert 'href="?art=stadt&amp;seite=1"' in html


def test_directory_map_colours_by_project_count():
    koeln = kommune("koeln")

    nrw_map = maps.directory_map(counts={koeln.pk: 3})

    area = next(a for a in nrw_map.areas if a.pk == koeln.pk)
    other = next(a for a in nrw_map.areas if a.slug == "bonn")
    assert (area.css_class, area.label) == ("map-area--n2", "Köln (kreisfreie Stadt): 3 Kooperationsprojekte")
    assert (other.css_class, other.label) == ("map-area--n0", "Bonn (kreisfreie Stadt): 0 Kooperationsprojekte")
    assert [label for _, label in nrw_map.legend] == ["keine", "1", "2 bis 4", "5 und mehr"]
    assert len(nrw_map.borders) == 53
    html = render_to_string("portal/includes/nrw_map.html", {"map": nrw_map})
    assert '<a class="map-area map-area--n2" href="/kommunen/koeln/"><title>Köln (kreisfreie Stadt): 3 Koop' in html
    assert html.count('<rect class="map-area map-area--n') == 4
    assert "Kooperationsprojekte je Kommune:" in html


def keep_only(count):
    """Delete kreisangehörige Städte and Gemeinden until `count` Städte are left (nothing refers to them yet)."""
    keep = list(Municipality.objects.filter(kind=STADT).order_by("ags").values_list("pk", flat=True)[:count])
    Municipality.objects.filter(kind__in=[STADT, GEMEINDE]).exclude(pk__in=keep).delete()


@pytest.mark.parametrize("remaining", [1, 3, 374])
def test_directory_runs_a_constant_number_of_queries(client, django_assert_num_queries, remaining):
    keep_only(remaining)

    # Session, regions and Kreise for the filter, count and page of the list, the map and its project counts.
    with django_assert_num_queries(6):
        client.get(reverse("municipalities:list"), {"art": "stadt"})


# --- Kommune pages ----------------------------------------------------------------------------


def test_kommune_page_links_up_and_shows_facts_and_map(client):
    response = client.get(kommune("schwelm").get_absolute_url())
    html = response.content.decode()

    for slug in ("ennepe-ruhr-kreis", "regierungsbezirk-arnsberg", "landschaftsverband-westfalen-lippe"):
        assert f'href="/kommunen/{slug}/"' in html
    assert '<h1 class="kern-heading-x-large">Schwelm</h1>' in html
    assert "05954024" in html
    assert "20,6 km²" in html
    assert "Städte- und Gemeindebund NRW" in html
    assert '<title id="locator-map-title">Lage: Schwelm in Nordrhein-Westfalen</title>' in html
    assert 'class="map-marker"' in html
    assert "© GeoBasis-DE / BKG (2016)" in html


def test_kreis_page_lists_its_gemeinden(client):
    response = client.get(reverse("municipalities:detail", args=["kreis-borken"]))
    html = response.content.decode()

    assert "17 Städte und Gemeinden im Kreis Borken" in html
    assert [m.short_name for m in response.context["members"]][:3] == ["Ahaus", "Bocholt", "Borken"]
    assert 'href="/kommunen/ahaus/"' in html


def test_kommune_page_shows_population_and_website_when_editors_added_them(client):
    Municipality.objects.filter(slug="schwelm").update(
        population=28_540, population_date=date(2024, 12, 31), website="https://www.schwelm.de"
    )

    html = client.get(reverse("municipalities:detail", args=["schwelm"])).content.decode()

    assert "28.540 (Stand 31. Dezember 2024)" in html
    assert 'href="https://www.schwelm.de"' in html


@pytest.mark.parametrize(
    ("ags", "slug"),
    [
        ("05315000", "koeln"),
        ("05315", "koeln"),
        ("05554", "kreis-borken"),
        ("05954024", "schwelm"),
        ("053", "regierungsbezirk-koeln"),
    ],
)
def test_ags_address_redirects_to_the_kommune_page(client, ags, slug):
    response = client.get(f"/kommunen/{ags}/")

    assert response.status_code == 301
    assert response["Location"] == f"/kommunen/{slug}/"


def test_unknown_kommune_gets_the_not_found_page(client):
    assert client.get("/kommunen/99999999/").status_code == 404
    # Only a kreisfreie Stadt has an 8-digit key ending in 000; Kreis Düren (05358) has none.
    assert client.get("/kommunen/05358000/").status_code == 404
    response = client.get("/kommunen/atlantis/")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht (mehr)" in response.content.decode()


@pytest.mark.parametrize("remaining", [1, 3])
@pytest.mark.parametrize("open_requests", [1, 3])
def test_kommune_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, remaining, open_requests):
    kreis = kommune("kreis-borken")
    keep = list(kreis.gemeinden.order_by("ags").values_list("pk", flat=True)[:remaining])
    kreis.gemeinden.exclude(pk__in=keep).delete()
    # Open partner requests of each Kommune visited, seeking partners in a Kreis, a Bezirk or all of NRW.
    regions = [kommune("kreis-borken"), kommune("regierungsbezirk-koeln"), None]
    for slug in ["kreis-borken", "schwelm", "koeln", "landschaftsverband-rheinland"]:
        for n in range(open_requests):
            PartnerRequestFactory(municipality=kommune(slug), region=regions[n], topics=["bauen-und-planen"])

    # The Kommune with its parents, its members, the map; the counts of its projects, its projects as lead
    # and as partner, its partners, its open partner requests; its Landespreis winners.
    with django_assert_num_queries(9):
        page = client.get(kreis.get_absolute_url()).content.decode()
    assert page.count("Partner für einen gemeinsamen Bauhof") == open_requests
    # A Gemeinde has no members to list: one query less; a Regierungsbezirk seeks no partners.
    for slug, queries in [
        ("schwelm", 8),
        ("koeln", 8),
        ("regierungsbezirk-muenster", 7),
        ("landschaftsverband-rheinland", 9),
    ]:
        with django_assert_num_queries(queries):
            client.get(reverse("municipalities:detail", args=[slug]))


# --- Admin ------------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("redaktion", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    return client


def test_editor_corrects_population_and_must_give_its_date(editor_client):
    schwelm = kommune("schwelm")
    url = reverse("admin:portal_municipality_change", args=[schwelm.pk])
    data = {
        "name": "Stadt Schwelm",
        "short_name": "Schwelm",
        "spitzenverband": "stgb",
        "population": "28540",
        "population_date": "",
        "website": "",
        "address": "Moltkestraße 24\n58332 Schwelm",
    }

    missing_date = editor_client.post(url, data)
    data["population_date"] = "31.12.2024"
    saved = editor_client.post(url, data)

    assert "Bitte geben Sie an, auf welchen Tag sich die Einwohnerzahl bezieht." in missing_date.content.decode()
    assert saved.status_code == 302
    schwelm.refresh_from_db()
    assert (schwelm.population, schwelm.population_date) == (28_540, date(2024, 12, 31))
    assert schwelm.address == "Moltkestraße 24\n58332 Schwelm"


def test_editors_neither_add_nor_delete_kommunen(editor_client):
    add = editor_client.get(reverse("admin:portal_municipality_add"))
    delete = editor_client.post(reverse("admin:portal_municipality_delete", args=[kommune("heek").pk]), {"post": "yes"})

    assert (add.status_code, delete.status_code) == (403, 403)
    assert Municipality.objects.filter(slug="heek").exists()


def test_a_kommune_others_refer_to_cannot_be_deleted_even_by_an_administrator(admin_client):
    kreis = kommune("kreis-borken")

    delete = admin_client.post(reverse("admin:portal_municipality_delete", args=[kreis.pk]), {"post": "yes"})

    assert "geschützte" in delete.content.decode()
    assert Municipality.objects.filter(pk=kreis.pk).exists()


def test_admin_search_and_autocomplete_find_names_without_umlauts(editor_client):
    changelist = editor_client.get(reverse("admin:portal_municipality_changelist"), {"q": "Muelheim"})
    autocomplete = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "Maerkisch", "app_label": "portal", "model_name": "municipality", "field_name": "kreis"},
    )

    assert [m.short_name for m in changelist.context["cl"].result_list] == ["Mülheim an der Ruhr"]
    assert [r["text"] for r in autocomplete.json()["results"]] == ["Märkischer Kreis"]
