"""Test data shared by the tests of newsnlp.batch (not a test module): short French records with
entities, and a few that cannot be processed."""

from __future__ import annotations

import json

FRENCH = [
    "Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat son homologue "
    "espagnol José Manuel Albares.",
    "Temps de lecture : 2 min\nLe Premier ministre a présenté mardi le budget devant "
    "l’Assemblée nationale, selon l’AFP.",
    "Partager\nLa Commission européenne et l’ONU saluent l’accord conclu à Genève entre le Maroc "
    "et la Mauritanie.",
]
ENGLISH = "The prime minister presented the budget to parliament on Tuesday, officials said."
HTML = (
    "<html><head><title>Accord</title></head><body><article><h1>Le Maroc et l’Espagne signent "
    "un accord</h1><p>Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat "
    "son homologue espagnol José Manuel Albares.</p></article></body></html>"
)


def corpus(n: int) -> list[dict]:
    """*n* short French records with entities, and a few that cannot be processed."""
    people = ["Nasser Bourita", "Bruno Retailleau", "Aziz Akhannouch", "Pedro Sánchez"]
    places = ["Rabat", "Madrid", "Paris", "Dakar", "Genève"]
    records = []
    for i in range(n):
        if i % 50 == 17:
            records.append({"id": f"r{i}", "body": "pas de champ texte"})
            continue
        text = (
            f"Dépêche {i}. {people[i % 4]} a rencontré jeudi à {places[i % 5]} les représentants "
            f"de l’Union européenne et de l’ONU pour discuter de la coopération régionale, "
            f"du commerce et des migrations, a indiqué le ministère dans un communiqué."
        )
        records.append({"id": f"r{i}", "text": text, "url": f"https://exemple.fr/{i}"})
    return records


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
