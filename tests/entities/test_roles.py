"""Passes 2 and 7, ministers' role phrases (newsnlp.entities.roles), on hand-made mentions."""

from __future__ import annotations

import warnings

import pytest
from handmade import LEXICON, layer, matcher, mentions, spans, state
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.entities.roles import attach_roles, drop_role_words, find_roles, national, read_role
from newsnlp.entities.state import LayerState, RolePhrase


def _roles(text: str, *persons: str) -> LayerState:
    st_ = state(text, *((p, "PER") for p in persons if p in text))
    find_roles(st_, LEXICON, matcher())
    attach_roles(st_)
    return st_


def _ministers(text: str, *persons: str) -> list[tuple[str, str]]:
    ann = layer()(text, mentions(text, *((p, "PER") for p in persons)))
    return [(m.name, m.role) for m in ann.ministers]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Nasser Bourita, ministre des Affaires étrangères, de la Coopération africaine et des "
            "Marocains résidant à l’étranger, a reçu.",
            "ministre des Affaires étrangères, de la Coopération africaine et des Marocains "
            "résidant à l’étranger",
        ),
        ("Le ministre de l’Intérieur estime que rien.", "ministre de l’Intérieur"),  # a verb
        (
            "Le ministre délégué chargé du Budget, Fouzi Lekjaa.",
            "ministre délégué chargé du Budget",
        ),
        ("La ministre de la Santé\nLe texte suit.", "ministre de la Santé"),  # a line break
        ("Le Premier ministre Bart De Wever a parlé.", "Premier ministre"),  # a name after it
        (
            "Le vice-Premier ministre et ministre des Affaires étrangères, Maxime Prévot.",
            "vice-Premier ministre et ministre des Affaires étrangères",
        ),
        ("La cheffe du gouvernement, Sarra Zaafrani Zenzri, a dit.", "cheffe du gouvernement"),
        (
            "Le Premier ministre, chef du gouvernement, Joseph Dion Ngute, a dit.",
            "Premier ministre, chef du gouvernement",  # two titles of one person
        ),
        (
            "Le ministre d’État, ministre de l’Agriculture, des Ressources animales et "
            "halieutiques, le Commandant Ismaël Sombié, a dit.",
            "ministre d’État, ministre de l’Agriculture, des Ressources animales et halieutiques",
        ),
        (
            "La secrétaire d’État à la Sécurité publique a dit.",
            "secrétaire d’État à la Sécurité publique",
        ),
        (
            "Le secrétaire américain au Trésor, Scott Bessent, a dit.",
            "secrétaire américain au Trésor",
        ),
        (
            "Le chef du Département fédéral de l’environnement, des transports, de l’énergie et "
            "de la communication, Albert Rösti, a dit.",
            "chef du Département fédéral de l’environnement, des transports, de l’énergie et de "
            "la communication",
        ),
        ("La cheffe du DFAE a dit.", "cheffe du DFAE"),
        ("Le premier ministre québécois a dit.", "premier ministre québécois"),
        ("Le ministre-président flamand a dit.", "ministre-président flamand"),
        ("La présidente du Conseil italien a dit.", "présidente du Conseil italien"),
        # periphrases
        (
            "Le chef de la diplomatie française, Jean-Noël Barrot.",
            "chef de la diplomatie française",
        ),
        ("La patronne de la diplomatie canadienne a dit.", "patronne de la diplomatie canadienne"),
        ("La grande argentière du pays, Michket Slama Khaldi.", "grande argentière du pays"),
        ("Le locataire de Matignon, François Bayrou, a dit.", "locataire de Matignon"),
    ],
)
def test_a_role_phrase_is_the_title_and_its_portfolio(text, role):
    assert [r.text.strip(" ,") for r in _roles(text).roles] == [role]


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre-conseiller de l’ambassade, Jean Dupont, a dit.",
        "Le ministre plénipotentiaire Jean Dupont a dit.",
        "Le secrétaire général de l’ONU, António Guterres, a dit.",
        "Le sous-secrétaire d’État Jean Dupont a dit.",
        "Le secrétaire d’État adjoint américain, Christopher Landau, a dit.",
        "La cheffe de la diplomatie européenne, Kaja Kallas, a dit.",
        "Le chef de la diplomatie de l’Union européenne, Josep Borrell, a dit.",
        "L’Union européenne, par la voix de son chef de la diplomatie Josep Borrell, a dit.",
        "La haute représentante de l’UE pour les affaires étrangères, Kaja Kallas, a dit.",
        "L’ambassadeur de France au Maroc, Christophe Lecourtier, a dit.",
        "Le Conseil des ministres a adopté le texte.",
        "Le président du Conseil national, Jean Dupont, a dit.",  # no country: not a head
        "Le locataire de l’Élysée, Emmanuel Macron, a dit.",  # a head of state's seat
    ],
)
def test_not_a_minister_title(text):
    # no role, or a deputy's ("sous-secrétaire d’État"): never a minister's
    assert [r.text for r in _roles(text).roles if r.minister] == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("L’ancien ministre des Finances Mohamed Berrada a dit.", "Mohamed Berrada"),
        ("Mohamed Berrada, ex-ministre des Finances, a dit.", "Mohamed Berrada"),
        (
            "Le Premier ministre français de l’époque, Bernard Cazeneuve, a dit.",
            "Bernard Cazeneuve",
        ),
        ("L’ancien chef de la diplomatie Laurent Fabius a dit.", "Laurent Fabius"),
    ],
)
def test_a_former_office_is_not_sitting(text, person):
    assert [r.sitting for r in _roles(text, person).roles] in ([False], [])
    ann = layer()(text, mentions(text, (person, "PER")))
    assert ann.ministers == () and ann.entities[0].kind == "person"


def test_read_role_stops_at_a_name():
    text = "Le ministre des Affaires étrangères et Karim Zidane ont parlé."
    start = text.index("ministre")
    end = read_role(text, start, start + 8, set())
    assert text[start:end] == "ministre des Affaires étrangères et Karim"  # no stop: read on
    end = read_role(text, start, start + 8, {text.index("Karim")})
    assert text[start:end] == "ministre des Affaires étrangères"


def test_read_role_stops_at_a_pronoun():
    text = "Le chef de la diplomatie et son homologue ont parlé."
    start = text.index("chef")
    end = read_role(text, start, start + len("chef de la diplomatie"), set())
    assert text[start:end] == "chef de la diplomatie"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Nasser Bourita, ministre des Affaires étrangères, a reçu Karim Zidane.",
            "Nasser Bourita",
        ),
        ("Karim Zidane a reçu le ministre de l’Intérieur, Abdelouafi Laftit.", "Abdelouafi Laftit"),
        ("Karim Zidane, le nouveau ministre de l’Industrie, a dit.", "Karim Zidane"),
        (
            "Il a été reçu par le ministre saoudien des Affaires étrangères, le prince Fayçal ben "
            "Farhane Al Saoud.",
            "Fayçal ben Farhane Al Saoud",
        ),
        (
            "Le Premier ministre et ministre des Affaires étrangères, cheikh Mohammed ben "
            "Abderrahmane Al Thani, a dit.",
            "Mohammed ben Abderrahmane Al Thani",
        ),
        (
            "Le ministre nigérien de l’Agriculture, le colonel-major Mahaman Elhadj Ousmane, a dit.",
            "Mahaman Elhadj Ousmane",
        ),
        # an apposition may go on with a relative clause
        (
            "Il a cité Karim Zidane, le ministre de la Justice de la région où tout a commencé.",
            "Karim Zidane",
        ),
        # a party in parentheses between the name and the title
        ("Xavier Bettel (DP), ministre des Affaires étrangères, a dit.", "Xavier Bettel"),
        # another office of the same person before the title, joined by "et"
        (
            "Antonio Tajani, vice-président du Conseil et ministre des Affaires étrangères, a dit.",
            "Antonio Tajani",
        ),
        # a colleague named by a portfolio
        ("Karim Zidane a reçu son collègue des Finances, Nadia Fettah.", "Nadia Fettah"),
    ],
)
def test_the_person_is_named_next_to_the_role(text, person):
    names = ("Nasser Bourita", "Karim Zidane", "Abdelouafi Laftit", person)
    (role,) = _roles(text, *names).roles
    assert text[role.person.start : role.person.end] == person


def test_a_colleague_of_a_bodys_member_is_no_role():
    text = "Karim Zidane a reçu son collègue du Parlement européen, Nadia Fettah."
    assert _roles(text, "Karim Zidane", "Nadia Fettah").roles == []


def test_a_possessive_and_a_bare_title():
    text = "Des policiers jetés en pâture par leur ministre, Christophe Castaner."
    assert _ministers(text, "Christophe Castaner") == [("Christophe Castaner", "ministre")]


def test_and_an_article_ends_a_portfolio_but_inside_entre():
    text = "Le ministre de l’Intérieur et le président du Sénat ont parlé."
    assert [r.text for r in _roles(text).roles] == ["ministre de l’Intérieur"]
    text = (
        "La secrétaire d’État chargée de l’Égalité entre les femmes et les hommes, Aurore "
        "Bergé, a dit."
    )
    assert [r.text for r in _roles(text, "Aurore Bergé").roles] == [
        "secrétaire d’État chargée de l’Égalité entre les femmes et les hommes"
    ]


def test_a_title_is_preferred_to_a_periphrasis_as_the_role():
    text = (
        "Il a vu le chef de la diplomatie émiratie, cheikh Abdallah ben Zayed Al Nahyane, "
        "vice-Premier ministre et ministre des Affaires étrangères."
    )
    assert _ministers(text, "Abdallah ben Zayed Al Nahyane") == [
        (
            "Abdallah ben Zayed Al Nahyane",
            "vice-Premier ministre et ministre des Affaires étrangères",
        )
    ]
    text = "Le chef de la diplomatie française, Jean-Noël Barrot, a dit."
    assert _ministers(text, "Jean-Noël Barrot") == [
        ("Jean-Noël Barrot", "chef de la diplomatie française")
    ]


def test_national():
    m = matcher()
    assert national(RolePhrase(0, 8, "ministre", True), m)
    assert not national(RolePhrase(0, 26, "président du Conseil national", True), m)
    periphrasis = RolePhrase(0, 30, "chef de la diplomatie onusienne", True, periphrasis=True)
    assert not national(periphrasis, m)
    # a title with a supranational word in its portfolio is a government's
    assert national(RolePhrase(0, 40, "ministre de la Coopération africaine", True), m)


def test_role_words_are_not_entities_but_names_inside_them_are():
    text = "José Manuel Albares, ministre des Affaires étrangères, de l’Union européenne et de la Coopération."
    st_ = state(
        text,
        ("José Manuel Albares", "PER"),
        ("Affaires étrangères", "ORG"),
        ("Union européenne", "ORG"),
        ("Coopération", "ORG"),
    )
    find_roles(st_, LEXICON)
    drop_role_words(st_, matcher())
    assert spans(st_) == [("José Manuel Albares", "PER"), ("Union européenne", "ORG")]


def test_role_country_moved_to_government():
    import newsnlp.entities.roles as roles

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert roles.role_country.__module__ == "newsnlp.entities.government"
    assert caught[0].category is DeprecationWarning
    with pytest.raises(AttributeError):
        roles.no_such_name  # noqa: B018


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "le",
                "la",
                "ministre",
                "Premier",
                "des",
                "Affaires",
                "étrangères",
                ",",
                "et",
                "chef",
                "de",
                "diplomatie",
                "française",
                "Jean",
                "Dupont",
                "ancien",
                "\n",
                "a",
                "dit",
                ".",
                "secrétaire",
                "d’État",
                "locataire",
                "Matignon",
                "cheikh",
                "Al",
            ]
        ),
        max_size=40,
    )
)
def test_roles_are_ordered_disjoint_and_inside_the_text(words):
    text = " ".join(words)
    st_ = state(text)
    find_roles(st_, LEXICON, matcher())
    attach_roles(st_)
    prev_end = 0
    for r in st_.roles:
        assert prev_end <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.text
        prev_end = r.end


@pytest.mark.parametrize(
    ("text", "role", "person"),
    [
        # a capitalised word after an adjective starts the name, not the portfolio
        (
            "Le Premier ministre israélien Benjamin Netanyahu a dit.",
            "Premier ministre israélien",
            "Benjamin Netanyahu",
        ),
        ("Le Premier ministre grec Kyriakos Mitsotakis a dit.", "Premier ministre grec", None),
        # a preposition of the sentence ends the role
        ("Il redeviendra Premier ministre après Micheal Martin.", "Premier ministre", None),
        # heads of government titled chancellor; the chancellor of the Exchequer
        ("La chancelière Angela Merkel a dit.", "chancelière", None),
        ("Le chancelier de l’Échiquier Rishi Sunak a dit.", "chancelier de l’Échiquier", None),
        # "le PM": a head of government before a name
        ("Le PM Christian Ntsay a inauguré la route.", "PM", "Christian Ntsay"),
        # "pour" and an article go on after a portfolio's noun
        (
            "Le ministre chargé de l’Accord pour la paix et la réconciliation, Ismaël Wagué, a dit.",
            "ministre chargé de l’Accord pour la paix et la réconciliation",
            "Ismaël Wagué",
        ),
        # a verb in the imperfect ends a role
        ("Le Premier ministre répondait au patron des députés.", "Premier ministre", None),
        # "par" ends a portfolio, but in "par intérim"; so do "devant" and a conjunction
        (
            "Il a été nommé chef du gouvernement par Vladimir Poutine.",
            "chef du gouvernement",
            "Vladimir Poutine",
        ),
        (
            "Le ministre par intérim de la Santé, Eduardo Pazuello, a dit.",
            "ministre par intérim de la Santé",
            "Eduardo Pazuello",
        ),
        (
            "Benny Gantz, ministre de la Défense devant accéder au poste plus tard, a dit.",
            "ministre de la Défense",
            "Benny Gantz",
        ),
        # a gazetteer name in the portfolio is read whole
        (
            "La ministre-présidente de la Fédération Wallonie-Bruxelles, Elisabeth Degryse, a dit.",
            "ministre-présidente de la Fédération Wallonie-Bruxelles",
            "Elisabeth Degryse",
        ),
    ],
)
def test_where_a_role_phrase_ends(text, role, person):
    # without the model's person (a name the lexicon takes for a common noun is no stop)
    assert [r.text.strip(" ,") for r in _roles(text).roles] == [role]
    if person:
        assert [r.text.strip(" ,") for r in _roles(text, person).roles] == [role]


@pytest.mark.parametrize(
    "text",
    [
        "Le grand chancelier de la Légion d’honneur, Benoît Puga, a dit.",
        "Le chancelier de l’université, Jean Dupont, a dit.",
        # a council's president whose adjective goes on with a complement
        "Mohammed Moussaoui, président du Conseil français du culte musulman, a dit.",
        # a department that is not a Swiss (federal or cantonal) ministry's
        "Le professeur James Logan, chef du département de contrôle des maladies, a dit.",
    ],
)
def test_a_chancellor_who_is_not_a_head_of_government(text):
    assert _roles(text).roles == []


def test_a_name_read_with_the_role_before_it_is_kept():
    text = "A indiqué le ministre de la Santé Tawfik al-Rabiah, à la presse."
    st = state(text, ("ministre de la Santé Tawfik al-Rabiah", "ORG"))
    find_roles(st, LEXICON, matcher())
    drop_role_words(st, matcher())
    assert spans(st) == [("Tawfik al-Rabiah", "ORG")]
    ann = layer()(text, mentions(text, ("ministre de la Santé Tawfik al-Rabiah", "ORG")))
    assert [(m.name, m.role) for m in ann.ministers] == [
        ("Tawfik al-Rabiah", "ministre de la Santé")
    ]


def test_a_described_person_after_the_role():
    text = "Le ministre du Travail, le social-démocrate Hubertus Heil, a dit."
    ann = layer()(text, mentions(text, ("Hubertus Heil", "PER")))
    assert [(m.name, m.role) for m in ann.ministers] == [("Hubertus Heil", "ministre du Travail")]


@pytest.mark.parametrize(
    ("text", "person", "model"),
    [
        (
            "Le vice-ministre de la Santé Iraj Harirchi a nié.",
            "Iraj Harirchi",
            "Santé Iraj Harirchi",
        ),
        (
            "Le ministre adjoint de la Santé Brett Giroir a témoigné.",
            "Brett Giroir",
            "Brett Giroir",
        ),
        ("Le sous-secrétaire d’État Jean Dupont a dit.", "Jean Dupont", "Jean Dupont"),
    ],
)
def test_a_deputy_is_not_a_minister_but_his_title_is_a_role(text, person, model):
    assert [r.minister for r in _roles(text, person).roles] == [False]
    # the portfolio is not an entity, the name after the title is a person, not a minister
    ann = layer()(text, mentions(text, (model, "ORG" if model != person else "PER")))
    assert ann.ministers == ()
    assert [(e.text, e.label, e.kind) for e in ann.entities] == [(person, "PER", "person")]


def test_a_role_opening_a_new_clause_is_not_the_apposition_of_the_name_before():
    text = "Selon Karim Zidane, le ministre des Affaires étrangères se serait exprimé."
    (role,) = _roles(text, "Karim Zidane").roles
    assert role.person is None


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("Amir Ohana a été nommé ministre de la Sécurité publique.", "Amir Ohana",
         "ministre de la Sécurité publique"),
        ("Itzik Shmuli a été désigné lundi ministre des Affaires sociales tandis que M. Ohana "
         "attend.", "Itzik Shmuli", "ministre des Affaires sociales"),
        ("Eduardo Pazuello est le troisième ministre de la Santé depuis avril.",
         "Eduardo Pazuello", "ministre de la Santé"),
        ("Ils souhaitent qu’Edouard Philippe reste Premier ministre.", "Edouard Philippe",
         "Premier ministre"),
        ("Benny Gantz, aujourd’hui ministre de la Défense, a répondu.", "Benny Gantz",
         "ministre de la Défense"),
        ("Matteo Salvini, l’autre vice-Premier ministre, a répondu.", "Matteo Salvini",
         "vice-Premier ministre"),
        ("Ministre du Tourisme depuis le 15 août, Renzo Gracie relance la polémique.",
         "Renzo Gracie", "Ministre du Tourisme"),
        # a year ends the portfolio, and stands between it and the name
        ("Nommé ministre de l’Économie en 2017, Bruno Le Maire est resté.", "Bruno Le Maire",
         "ministre de l’Économie"),
    ],
)  # fmt: skip
def test_an_office_given_by_a_verb(text, person, role):
    assert _ministers(text, person) == [(person, role)]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Amir Ohana a été ministre de la Sécurité publique.", "Amir Ohana"),  # a past office
        ("Amir Ohana avait été nommé ministre de la Justice.", "Amir Ohana"),
        ("Amir Ohana est reçu par le ministre de la Justice.", "Amir Ohana"),
        # a dismissal
        ("Luiz Mandetta, le ministre de la Santé limogé mi-avril, a critiqué.", "Luiz Mandetta"),
        ("Le ministre de la Santé, Luiz Mandetta, limogé mi-avril, a critiqué.", "Luiz Mandetta"),
        # a period that has ended
        ("Marisol Touraine, ministre de 2012 à 2017, a témoigné.", "Marisol Touraine"),
        ("Selon Xavier Bertrand, ministre de la Santé jusqu’en mai 2012, le stock existait.",
         "Xavier Bertrand"),
    ],
)  # fmt: skip
def test_not_an_office_given_by_a_verb(text, person):
    assert _ministers(text, person) == []


def test_a_portfolio_the_model_read_as_a_person():
    text = "Le ministre malien de la Défense, le général Ibrahima Dembélé, a dit."
    found = mentions(text, ("de la Défense", "PER"), ("Ibrahima Dembélé", "PER"))
    ann = layer()(text, found)
    assert [(m.name, m.role) for m in ann.ministers] == [
        ("Ibrahima Dembélé", "ministre malien de la Défense")
    ]
    assert [e.text for e in ann.entities] == ["Ibrahima Dembélé"]


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("L’actuel chef du Pentagone, Mark Esper, a dit.", "Mark Esper", "chef du Pentagone"),
        # the seat is read without the name the pattern took with it
        ("Le patron du Pentagone Lloyd Austin est arrivé.", "Lloyd Austin", "patron du Pentagone"),
    ],
)
def test_the_head_of_a_ministrys_seat(text, person, role):
    ann = layer()(text, mentions(text, (person, "PER")))
    assert [(m.name, m.role, m.country) for m in ann.ministers] == [(person, role, "US")]


@pytest.mark.parametrize(
    ("text", "persons", "expected"),
    [
        (
            "Sont visées la ministre des Outre-mers Annick Girardin, celle de la Recherche "
            "Frédérique Vidal.",
            ("Annick Girardin", "Frédérique Vidal"),
            [("Annick Girardin", "ministre des Outre-mers"),
             ("Frédérique Vidal", "celle de la Recherche")],
        ),
        (
            "Le ministre de la Culture Franck Riester ou celui de l’Intérieur Christophe "
            "Castaner sont menacés.",
            ("Franck Riester", "Christophe Castaner"),
            [("Franck Riester", "ministre de la Culture"),
             ("Christophe Castaner", "celui de l’Intérieur")],
        ),
        # the pronoun stands for a minister's title in its own sentence only
        ("Le ministre a parlé. Celui de la Santé Jean Dupont aussi.", ("Jean Dupont",), []),
        ("Le président du Sénat et celui de l’Assemblée Richard Ferrand ont parlé.",
         ("Richard Ferrand",), []),
        # a role in parentheses after the name
        ("La proposition de Julien Denormandie (ministre de la Ville), qui évoquait …",
         ("Julien Denormandie",), [("Julien Denormandie", "ministre de la Ville")]),
    ],
)  # fmt: skip
def test_a_pronoun_for_a_title_and_a_title_in_parentheses(text, persons, expected):
    assert _ministers(text, *persons) == expected


@pytest.mark.parametrize(
    ("text", "persons", "expected"),
    [
        (
            "Les ministres de l’Éducation et de l’Intérieur Jean-Michel Blanquer et Christophe "
            "Castaner ont réagi.",
            ("Jean-Michel Blanquer", "Christophe Castaner"),
            [("Jean-Michel Blanquer", "ministres de l’Éducation et de l’Intérieur"),
             ("Christophe Castaner", "ministres de l’Éducation et de l’Intérieur")],
        ),
        (
            "Nawal Ben Hamou et Christie Morreale, ministres de l’Égalité des chances "
            "respectivement à Bruxelles et en Wallonie, ont réagi.",
            ("Nawal Ben Hamou", "Christie Morreale"),
            [("Christie Morreale", "ministres de l’Égalité des chances"),
             ("Nawal Ben Hamou", "ministres de l’Égalité des chances")],
        ),
        ("Elle a suscité l’opposition d’autres ministres comme Bruno Le Maire et Gérald "
         "Darmanin.", ("Bruno Le Maire", "Gérald Darmanin"),
         [("Bruno Le Maire", "ministres"), ("Gérald Darmanin", "ministres")]),
        # a title in the singular is one person's
        ("Le ministre de l’Intérieur Christophe Castaner et Laurent Nuñez ont parlé.",
         ("Christophe Castaner", "Laurent Nuñez"),
         [("Christophe Castaner", "ministre de l’Intérieur")]),
        # a title in parentheses before the name
        ("Pour (la ministre de la Justice) Nicole Belloubet, c’est faux.", ("Nicole Belloubet",),
         [("Nicole Belloubet", "ministre de la Justice")]),
    ],
)  # fmt: skip
def test_a_title_in_the_plural_names_every_person_of_the_list(text, persons, expected):
    assert _ministers(text, *persons) == expected
