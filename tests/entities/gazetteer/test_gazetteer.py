"""Gazetteer data and loader: codes, dev-guide forms, demonyms, cities, institutions, build."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import threading
import time
from importlib import resources
from pathlib import Path

import pytest

from newsnlp.entities.gazetteer import (
    City,
    Country,
    Gazetteer,
    fold,
    gazetteer,
    get_gazetteer,
)

ROOT = Path(__file__).resolve().parents[3]
SHARED_DATA = ROOT.parent / "shared" / "data"
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteers.py"
DATA_FILES = ("countries.json", "demonyms.json", "regions.json", "cities.json", "institutions.json")

# ISO 3166-1 alpha-2, the 249 officially assigned codes.
ISO_3166_1 = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
    """.split()
)
USER_ASSIGNED = {"XK"}  # Kosovo, documented in SOURCES.md


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def _raw(name: str):
    return json.loads((resources.files("newsnlp") / "data" / name).read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------ data files
def test_iso_codes_valid_and_unique():
    assert len(ISO_3166_1) == 249
    raw = _raw("countries.json")
    codes = list(raw)
    assert len(codes) == len(set(codes))
    assert set(codes) == ISO_3166_1 | USER_ASSIGNED
    names = [fold(rec["name"]) for rec in raw.values()]
    assert len(names) == len(set(names)), "two countries share a short name"
    for code, rec in raw.items():
        assert rec["article"] in {"", "le", "la", "les", "l’"}, code
        assert rec["parent"] is None or rec["parent"] in raw, code
        assert "'" not in json.dumps(rec, ensure_ascii=False), f"straight apostrophe in {code}"


def test_every_state_has_demonyms_and_capital(gaz):
    states = [c for c in gaz.countries if c.is_state]
    assert len(states) == 197  # 193 UN members, VA, PS, XK, TW
    capitals = {(c.name, c.iso2) for c in gaz.cities if c.capital}
    for country in states:
        assert country.demonym_nouns and country.demonym_adjectives, country.iso2
        assert all(x[0].isupper() for x in country.demonym_nouns), country.iso2
        assert all(x == x.lower() for x in country.demonym_adjectives), country.iso2
        if country.iso2 != "PS":  # capital contested: none recorded
            assert (country.capital, country.iso2) in capitals, country.iso2


def test_data_size_is_commit_sized():
    folder = resources.files("newsnlp") / "data"
    total = sum(len((folder / name).read_bytes()) for name in DATA_FILES)
    assert total < 1_000_000


def test_licence_files_shipped():
    folder = resources.files("newsnlp") / "data"
    assert "Open Database License" in (folder / "LICENSE-ODbL-1.0.txt").read_text("utf-8")
    assert "UNICODE LICENSE V3" in (folder / "LICENSE-Unicode-3.0.txt").read_text("utf-8")
    sources = (folder / "SOURCES.md").read_text("utf-8")
    for name in DATA_FILES:
        assert name in sources
    assert _raw("demonyms.json")["license"] == "ODbL-1.0"


# ------------------------------------------------------------------------------ countries
@pytest.mark.parametrize(
    ("form", "iso2", "name"),
    [
        ("Maroc", "MA", "Maroc"),
        ("Royaume du Maroc", "MA", "Maroc"),
        ("Pays-Bas", "NL", "Pays-Bas"),
        ("Royaume-Uni", "GB", "Royaume-Uni"),
        ("République populaire de Chine", "CN", "Chine"),
        ("RDC", "CD", "République démocratique du Congo"),
        ("République démocratique du Congo", "CD", "République démocratique du Congo"),
        ("États-Unis", "US", "États-Unis"),
        ("Etats-Unis", "US", "États-Unis"),
        ("les États-Unis", "US", "États-Unis"),
        ("Côte d’Ivoire", "CI", "Côte d’Ivoire"),
        ("Côte d'Ivoire", "CI", "Côte d’Ivoire"),
        ("la Côte d’Ivoire", "CI", "Côte d’Ivoire"),
        ("Afrique du Sud", "ZA", "Afrique du Sud"),
        ("EAU", "AE", "Émirats arabes unis"),
        ("USA", "US", "États-Unis"),
        ("ETATS-UNIS", "US", "États-Unis"),
        ("maroc", "MA", "Maroc"),
        ("Guinée", "GN", "Guinée"),
        ("Guinée-Bissau", "GW", "Guinée-Bissau"),
        ("Guinée équatoriale", "GQ", "Guinée équatoriale"),
        ("Congo", "CG", "Congo"),
        ("Niger", "NE", "Niger"),
        ("Nigeria", "NG", "Nigeria"),
        ("Tchad", "TD", "Tchad"),
        ("l’Inde", "IN", "Inde"),
    ],
)
def test_country_forms(gaz, form, iso2, name):
    country = gaz.country(form)
    assert country is not None, form
    assert (country.iso2, country.name) == (iso2, name)


@pytest.mark.parametrize(
    "form", ["eau", "rdc", "usa", "grenade", "chine", "guinée", "niger", "la réunion"]
)
def test_lowercase_common_words_and_acronyms_do_not_match(gaz, form):
    assert gaz.country(form, include_territories=True) is None


def test_country_articles(gaz):
    assert gaz.country("Maroc").name_with_article == "le Maroc"
    assert gaz.country("Inde").name_with_article == "l’Inde"
    assert gaz.country("Pays-Bas").name_with_article == "les Pays-Bas"
    assert gaz.country("Cuba").name_with_article == "Cuba"


def test_territories_need_opt_in(gaz):
    assert gaz.country("Guadeloupe") is None
    gp = gaz.country("Guadeloupe", include_territories=True)
    assert (gp.iso2, gp.status, gp.parent) == ("GP", "territory", "FR")
    assert gaz.country("Hong Kong", include_territories=True).parent == "CN"


# ------------------------------------------------------------------------------ demonyms
@pytest.mark.parametrize(
    ("form", "iso2", "pos"),
    [
        *[(f, "MA", "adj") for f in ("marocain", "marocaine", "marocains", "marocaines")],
        *[(f, "CN", "adj") for f in ("chinois", "chinoise", "chinoises")],
        ("néerlandais", "NL", "adj"),
        ("néerlandaise", "NL", "adj"),
        ("britannique", "GB", "adj"),
        ("britanniques", "GB", "adj"),
        ("sénégalaise", "SN", "adj"),
        ("sénégalais", "SN", "adj"),
        ("français", "FR", "adj"),
        ("française", "FR", "adj"),
        ("françaises", "FR", "adj"),
        ("espagnoles", "ES", "adj"),
        ("américains", "US", "adj"),
        ("canadiennes", "CA", "adj"),
        ("russes", "RU", "adj"),
        ("sud-africaine", "ZA", "adj"),
        ("ivoirienne", "CI", "adj"),
        ("égyptienne", "EG", "adj"),
        ("egyptienne", "EG", "adj"),
        ("Marocains", "MA", "noun"),
        ("Marocaine", "MA", "noun"),
        ("Sénégalais", "SN", "noun"),
        ("Chinois", "CN", "noun"),
        ("Sud-Africains", "ZA", "noun"),
        ("les Marocains", "MA", "noun"),
        ("MAROCAINS", "MA", "noun"),
    ],
)
def test_demonym_inflections(gaz, form, iso2, pos):
    demonym = gaz.demonym(form)
    assert demonym is not None, form
    assert (demonym.iso2, demonym.pos, demonym.status) == (iso2, pos, "state")


@pytest.mark.parametrize(
    "form",
    [
        "européen",
        "européenne",
        "africain",
        "africaines",
        "onusien",
        "Européens",
        "maghrébin",
        "québécois",
    ],
)
def test_regional_adjectives_are_not_country_demonyms(gaz, form):
    demonym = gaz.demonym(form)
    assert demonym is not None and demonym.iso2 is None and demonym.status == "region"
    assert demonym.region
    assert gaz.demonym(form, include_regions=False) is None


def test_city_adjectives_absent(gaz):
    assert gaz.demonym("parisien") is None
    assert gaz.demonym("parisiennes") is None


def test_ambiguous_demonyms_list_alternatives(gaz):
    congolais = gaz.demonym("congolaise")
    assert (congolais.iso2, congolais.alternatives) == ("CD", ("CG",))
    coreen = gaz.demonym("coréens")
    assert (coreen.iso2, coreen.alternatives) == ("KR", ("KP",))


def test_country_record_carries_all_inflections(gaz):
    ma = gaz.country("Maroc")
    assert {"marocain", "marocaine", "marocains", "marocaines"} <= set(ma.demonym_adjectives)
    assert {"Marocain", "Marocaine", "Marocains", "Marocaines"} <= set(ma.demonym_nouns)
    assert ma.to_dict()["demonyms"]["adj"][:4] == [
        "marocain",
        "marocaine",
        "marocains",
        "marocaines",
    ]


# ------------------------------------------------------------------------------ cities
@pytest.mark.parametrize(
    ("name", "iso2", "capital"),
    [
        ("Rabat", "MA", True),
        ("Genève", "CH", False),
        ("Pékin", "CN", True),
        ("Beijing", "CN", True),
        ("Casablanca", "MA", False),
        ("Tanger", "MA", False),
        ("New York", "US", False),
        ("Marseille", "FR", False),
        ("La Haye", "NL", False),
        ("Berne", "CH", True),
        ("Ottawa", "CA", True),
        ("Dakar", "SN", True),
        ("Bruxelles", "BE", True),
    ],
)
def test_cities(gaz, name, iso2, capital):
    city = gaz.city(name)
    assert city is not None, name
    assert (city.iso2, city.capital) == (iso2, capital)


def test_cities_are_not_countries(gaz):
    for name in ("Rabat", "Genève", "Casablanca", "Pékin", "Tanger", "Ottawa"):
        assert gaz.country(name, include_territories=True) is None, name
    for name in ("Maroc", "Suisse", "Chine"):
        assert gaz.city(name) is None, name


@pytest.mark.parametrize("name", ["Djibouti", "Luxembourg", "Singapour", "Monaco", "Koweït"])
def test_city_state_names_have_both_readings(gaz, name):
    country, city = gaz.country(name), gaz.city(name)
    assert country is not None and city is not None
    assert country.iso2 == city.iso2 and city.capital
    kinds = [type(r) for r in gaz.candidates(name)]
    assert kinds[:2] == [Country, City]


def test_city_homonyms_ordered(gaz):
    assert [c.iso2 for c in gaz.city_candidates("Tripoli")] == ["LY", "LB"]
    assert gaz.city("Valence").iso2 == "ES"
    assert gaz.city("Nouméa").to_dict() == {
        "name": "Nouméa",
        "iso2": "FR",
        "capital": False,
        "territory": "NC",
        "aliases": [],
    }


# ------------------------------------------------------------------------------ institutions
@pytest.mark.parametrize(
    ("forms", "canonical"),
    [
        (
            [
                "ONU",
                "Nations unies",
                "Nations Unies",
                "Organisation des Nations unies",
                "l’ONU",
                "l'ONU",
                "les Nations unies",
            ],
            "Organisation des Nations unies",
        ),
        (["UE", "Union européenne", "l’UE", "Union Européenne"], "Union européenne"),
        (["FMI", "IMF", "Fonds monétaire international"], "Fonds monétaire international"),
        (
            ["OTAN", "NATO", "Otan", "Alliance atlantique", "l’Alliance atlantique"],
            "Organisation du traité de l’Atlantique nord",
        ),
        (
            ["CDH", "Conseil des droits de l’Homme", "Conseil des droits de l’homme"],
            "Conseil des droits de l’homme des Nations unies",
        ),
        (
            ["HCR", "UNHCR", "Haut-Commissariat aux réfugiés"],
            "Haut-Commissariat des Nations unies pour les réfugiés",
        ),
        (
            ["BCEAO", "Banque centrale des États de l’Afrique de l’Ouest"],
            "Banque centrale des États de l’Afrique de l’Ouest",
        ),
        (["UEMOA"], "Union économique et monétaire ouest-africaine"),
        (["CEDEAO"], "Communauté économique des États de l’Afrique de l’Ouest"),
        (["OMS"], "Organisation mondiale de la santé"),
        (
            ["UNESCO", "Unesco"],
            "Organisation des Nations unies pour l’éducation, la science et la culture",
        ),
        (["OCDE"], "Organisation de coopération et de développement économiques"),
        (["OMC"], "Organisation mondiale du commerce"),
        (["Banque mondiale"], "Banque mondiale"),
        (["Union africaine", "UA"], "Union africaine"),
    ],
)
def test_institution_forms_share_canonical(gaz, forms, canonical):
    for form in forms:
        inst = gaz.institution(form)
        assert inst is not None, form
        assert inst.canonical == canonical, form
        assert inst.kind == "institution" and inst.scope == "international"


@pytest.mark.parametrize(
    ("form", "canonical", "country"),
    [
        ("Matignon", "Services du Premier ministre", "FR"),
        ("Beauvau", "Ministère de l’Intérieur", "FR"),
        ("Quai d’Orsay", "Ministère de l’Europe et des Affaires étrangères", "FR"),
        ("DGSI", "Direction générale de la sécurité intérieure", "FR"),
        ("DGST", "Direction générale de la surveillance du territoire", "MA"),
        ("Bank Al-Maghrib", "Bank Al-Maghrib", "MA"),
        ("DFAE", "Département fédéral des affaires étrangères", "CH"),
        ("Banque du Canada", "Banque du Canada", "CA"),
        ("Cour des comptes", "Cour des comptes", None),
        ("Assemblée nationale", "Assemblée nationale", None),
    ],
)
def test_national_institutions(gaz, form, canonical, country):
    inst = gaz.institution(form)
    assert (inst.canonical, inst.country, inst.scope) == (canonical, country, "national")


def test_generic_names_list_their_countries(gaz):
    cdc = gaz.institution("Cour des comptes")
    assert {"FR", "MA", "SN", "BE"} <= set(cdc.countries)
    # The canonical of a metonym-only record is generic: it does not capture the generic name.
    assert gaz.institution("Ministère de l’Intérieur") is None


@pytest.mark.parametrize(
    ("form", "canonical"),
    [
        ("CICR", "Comité international de la Croix-Rouge"),
        ("MSF", "Médecins sans frontières"),
        ("FIFA", "FIFA"),
        ("CAF", "Confédération africaine de football"),
        ("CIO", "Comité international olympique"),
        ("FRMF", "Fédération royale marocaine de football"),
    ],
)
def test_organizations(gaz, form, canonical):
    inst = gaz.institution(form)
    assert (inst.canonical, inst.kind) == (canonical, "organization")


def test_institution_matching_rules(gaz):
    assert gaz.institution("pam") is None  # lowercase acronym
    assert gaz.institution("bad") is None
    assert gaz.institution("europol") is None  # lowercase single word
    assert gaz.institution("Europol").canonical == "Europol"
    assert gaz.institution("nations unies").canonical == "Organisation des Nations unies"
    caf = gaz.institution_candidates("CAF")
    assert [i.canonical for i in caf] == [
        "Confédération africaine de football",
        "Caisse d’allocations familiales",
    ]


def test_institution_records_valid(gaz):
    codes = {c.iso2 for c in gaz.countries}
    seen = set()
    for inst in gaz.institutions:
        assert inst.kind in {"institution", "organization"}
        assert inst.scope in {"international", "national"}
        assert inst.country is None or inst.country in codes
        assert set(inst.countries) <= codes
        assert (inst.canonical, inst.country) not in seen, inst.canonical
        seen.add((inst.canonical, inst.country))
    assert len(gaz.institutions) >= 300


# ------------------------------------------------------------------------------ API
def test_surface_forms(gaz):
    forms = list(gaz.surface_forms())
    assert forms == list(gaz.surface_forms())  # deterministic
    assert {kind for _, kind, _ in forms} == {"country", "city", "institution", "demonym"}
    pairs = {(form, kind) for form, kind, _ in forms}
    for expected in [
        ("Maroc", "country"),
        ("Etats-Unis", "country"),
        ("RDC", "country"),
        ("Genève", "city"),
        ("Matignon", "institution"),
        ("CICR", "institution"),
        ("Marocains", "demonym"),
        ("Européens", "demonym"),
    ]:
        assert expected in pairs, expected
    assert ("Ministère de l’Intérieur", "institution") not in pairs
    assert ("Guadeloupe", "country") not in pairs
    records = {form: record for form, kind, record in forms if kind == "institution"}
    assert records["CICR"].kind == "organization"
    assert records["OTAN"].kind == "institution"
    extra = {
        (f, k) for f, k, _ in gaz.surface_forms(include_adjectives=True, include_territories=True)
    }
    assert {("marocaine", "demonym_adj"), ("Guadeloupe", "territory")} <= extra


def test_fold_matches_build_script():
    script = _load_script()
    for text in ["Côte d'Ivoire", "Haut-Commissariat", "ŒUVRE", "U.S.A.", "l’ ONU", "São  Tomé"]:
        assert script.fold(text) == fold(text), text


# ------------------------------------------------------------------------------ loading
def test_to_disk_then_load_gives_the_same_gazetteer(gaz, tmp_path):
    gaz.to_disk(tmp_path / "gaz")
    assert sorted(p.name for p in (tmp_path / "gaz").iterdir()) == sorted(DATA_FILES)
    copy = Gazetteer.load(tmp_path / "gaz")
    assert copy is not gaz
    assert copy.countries == gaz.countries and copy.institutions == gaz.institutions
    assert list(copy.surface_forms(include_adjectives=True)) == list(
        gaz.surface_forms(include_adjectives=True)
    )


def test_import_is_cheap():
    code = (
        "import newsnlp.entities.gazetteer.gazetteer as g; assert g._INSTANCE is None; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_loading_is_cached_and_thread_safe(monkeypatch):
    calls = []
    real_load = Gazetteer.load.__func__

    def slow_load(cls, directory=None):
        calls.append(threading.get_ident())
        time.sleep(0.05)
        return real_load(cls, directory)

    monkeypatch.setattr(gazetteer, "_INSTANCE", None)
    monkeypatch.setattr(Gazetteer, "load", classmethod(slow_load))
    barrier = threading.Barrier(8)
    results: list[Gazetteer] = []

    def worker():
        barrier.wait()
        results.append(get_gazetteer())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(results) == 8 and all(r is results[0] for r in results)
    assert get_gazetteer() is results[0]


# ------------------------------------------------------------------------------ build script
def _load_script():
    spec = importlib.util.spec_from_file_location("build_gazetteers", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_build_is_deterministic_and_matches_shipped_data(tmp_path):
    if not (SHARED_DATA / "gaz-cldr-fr").is_dir():
        pytest.skip(f"gazetteer sources not available in {SHARED_DATA} (../shared/data)")
    script = _load_script()
    first, second = tmp_path / "a", tmp_path / "b"
    assert script.main(["--data", str(SHARED_DATA), "--out", str(first)]) == 0
    assert script.main(["--data", str(SHARED_DATA), "--out", str(second)]) == 0
    shipped = resources.files("newsnlp") / "data"
    for name in DATA_FILES:
        built = (first / name).read_bytes()
        assert built == (second / name).read_bytes(), f"{name} differs between two builds"
        assert built == (shipped / name).read_bytes(), f"{name}: rerun scripts/build_gazetteers.py"
    Gazetteer.load(first).country("Maroc")  # the built folder loads
