#!/usr/bin/env python3
"""Regenerate the gazetteer JSON files of ``src/newsnlp/data/``.

Inputs: the snapshots in ``../shared/data/gaz-*`` (see each folder's README) and the hand-written
tables below (our own data, MIT, like the rest of the package). Output, deterministic (sorted
keys, stable order, UTF-8, ``ensure_ascii=False``, one trailing newline):

* ``countries.json``  – ISO 3166-1 alpha-2 → French short name (CLDR, Unicode License v3, with
  press-usage overrides), article, long forms, aliases, acronyms, capital, status, parent.
* ``demonyms.json``   – inflected demonyms per country (nouns and adjectives). Derived from
  mledoze/countries (ODbL 1.0) plus hand corrections: the file as a whole is **ODbL 1.0**.
* ``regions.json``    – continental / regional / sub-national adjectives (européen, québécois…)
  that are *not* country references (hand-written, MIT).
* ``cities.json``     – capitals and major cities in French with their country (hand-written, MIT).
* ``institutions.json`` – institutions and organisations with canonical name, aliases, acronyms
  (hand-written, MIT; acronym expansions cross-checked against gaz-sigles-fr, CC0).

Nothing from ``gaz-dwie-etats-capitales`` (GPL-3) is read. ``gaz-prolex-fr`` (LGPLLR) is read
only by ``--report`` to compare our inflected forms; nothing from it is written.

Usage::

    python scripts/build_gazetteers.py                 # rebuild src/newsnlp/data/*.json
    python scripts/build_gazetteers.py --out /tmp/gaz  # build elsewhere (used by the tests)
    python scripts/build_gazetteers.py --report        # also log cross-checks (sigles, Prolex)
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from newsnlp.entities.gazetteer.index import drop_initial_accent

log = logging.getLogger("build_gazetteers")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "src" / "newsnlp" / "data"
APOS = "’"

# Kosovo: user-assigned code, used by CLDR, the EU and most news APIs; not in ISO 3166-1.
EXTRA_CODES = {"XK"}

# =============================================================================================
# Hand-written tables (MIT). Fields are separated by "|", lists by ";" (or "," for codes).
# =============================================================================================

# Sovereign states (UN members, observers, plus Kosovo and Taiwan).
# ISO | article | usual French short name ("" = CLDR name) | official long forms | other aliases
#     | acronyms | capitals (first = main capital)
STATES = """
AD | | Andorre | Principauté d’Andorre | | | Andorre-la-Vieille
AE | les | Émirats arabes unis | | Émirats | EAU | Abou Dhabi
AF | l’ | | République islamique d’Afghanistan; Émirat islamique d’Afghanistan | | | Kaboul
AG | | | | | | Saint John’s
AL | l’ | | République d’Albanie | | | Tirana
AM | l’ | | République d’Arménie | | | Erevan
AO | l’ | | République d’Angola | | | Luanda
AR | l’ | | République argentine | | | Buenos Aires
AT | l’ | | République d’Autriche | | | Vienne
AU | l’ | | Commonwealth d’Australie | | | Canberra
AZ | l’ | | République d’Azerbaïdjan | | | Bakou
BA | la | | Bosnie-et-Herzégovine | Bosnie | | Sarajevo
BB | la | | | | | Bridgetown
BD | le | | République populaire du Bangladesh | | | Dacca
BE | la | | Royaume de Belgique | | | Bruxelles
BF | le | | | Burkina | | Ouagadougou
BG | la | | République de Bulgarie | | | Sofia
BH | | | Royaume de Bahreïn | | | Manama
BI | le | | République du Burundi | | | Gitega
BJ | le | | République du Bénin | | | Porto-Novo
BN | | | Brunei Darussalam; État de Brunei Darussalam | | | Bandar Seri Begawan
BO | la | | État plurinational de Bolivie | | | Sucre; La Paz
BR | le | | République fédérative du Brésil | | | Brasilia
BS | les | | Commonwealth des Bahamas | | | Nassau
BT | le | | Royaume du Bhoutan | | | Thimphou
BW | le | | République du Botswana | | | Gaborone
BY | la | | République de Biélorussie; République du Bélarus | Bélarus; Belarus | | Minsk
BZ | le | | | | | Belmopan
CA | le | | | | | Ottawa
CD | la | République démocratique du Congo | | RD Congo; Congo-Kinshasa | RDC | Kinshasa
CF | la | | | Centrafrique | RCA | Bangui
CG | le | Congo | République du Congo | Congo-Brazzaville | | Brazzaville
CH | la | | Confédération suisse; Confédération helvétique | | | Berne
CI | la | | République de Côte d’Ivoire | | | Yamoussoukro
CL | le | | République du Chili | | | Santiago
CM | le | | République du Cameroun | | | Yaoundé
CN | la | | République populaire de Chine | | RPC | Pékin
CO | la | | République de Colombie | | | Bogota
CR | le | | République du Costa Rica | | | San José
CU | | | République de Cuba | | | La Havane
CV | le | | République de Cabo Verde; République du Cap-Vert | Cabo Verde | | Praia
CY | | | République de Chypre | | | Nicosie
CZ | la | | République tchèque | | | Prague
DE | l’ | | République fédérale d’Allemagne | | RFA | Berlin
DJ | | | République de Djibouti | | | Djibouti
DK | le | | Royaume du Danemark | | | Copenhague
DM | la | | Commonwealth de la Dominique | | | Roseau
DO | la | | | | | Saint-Domingue
DZ | l’ | | République algérienne démocratique et populaire | | | Alger
EC | l’ | | République de l’Équateur | | | Quito
EE | l’ | | République d’Estonie | | | Tallinn
EG | l’ | | République arabe d’Égypte | | | Le Caire
ER | l’ | | État d’Érythrée | | | Asmara
ES | l’ | | Royaume d’Espagne | | | Madrid
ET | l’ | | République fédérale démocratique d’Éthiopie | | | Addis-Abeba
FI | la | | République de Finlande | | | Helsinki
FJ | les | | République des Fidji | Îles Fidji | | Suva
FM | la | | États fédérés de Micronésie | | | Palikir
FR | la | | République française | | | Paris
GA | le | | République gabonaise | | | Libreville
GB | le | | Royaume-Uni de Grande-Bretagne et d’Irlande du Nord | Grande-Bretagne | | Londres
GD | la | | | | | Saint-Georges
GE | la | | | | | Tbilissi
GH | le | | République du Ghana | | | Accra
GM | la | | République de Gambie | | | Banjul
GN | la | | République de Guinée | Guinée-Conakry | | Conakry
GQ | la | | République de Guinée équatoriale | | | Malabo
GR | la | | République hellénique | | | Athènes
GT | le | | République du Guatemala | | | Guatemala
GW | la | | République de Guinée-Bissau | | | Bissau
GY | le | | République coopérative du Guyana | | | Georgetown
HN | le | | République du Honduras | | | Tegucigalpa
HR | la | | République de Croatie | | | Zagreb
HT | | | République d’Haïti | | | Port-au-Prince
HU | la | | | | | Budapest
ID | l’ | | République d’Indonésie | | | Jakarta
IE | l’ | | République d’Irlande | | | Dublin
IL | | | État d’Israël | | | Jérusalem
IN | l’ | | République de l’Inde | | | New Delhi
IQ | l’ | | République d’Irak | Iraq | | Bagdad
IR | l’ | | République islamique d’Iran | | | Téhéran
IS | l’ | | | | | Reykjavik
IT | l’ | | République italienne | | | Rome
JM | la | | | | | Kingston
JO | la | | Royaume hachémite de Jordanie | | | Amman
JP | le | | | | | Tokyo
KE | le | | République du Kenya | | | Nairobi
KG | le | Kirghizistan | République kirghize | Kirghizstan | | Bichkek
KH | le | | Royaume du Cambodge | | | Phnom Penh
KI | | | République de Kiribati | | | Tarawa
KM | les | | Union des Comores | | | Moroni
KN | | | | Saint-Kitts-et-Nevis | | Basseterre
KP | la | | République populaire démocratique de Corée | | RPDC | Pyongyang
KR | la | | République de Corée | | | Séoul
KW | le | | État du Koweït | | | Koweït
KZ | le | | République du Kazakhstan | | | Astana
LA | le | | République démocratique populaire lao | | | Vientiane
LB | le | | République libanaise | | | Beyrouth
LC | | | | | | Castries
LI | le | | Principauté de Liechtenstein | | | Vaduz
LK | le | | République démocratique socialiste du Sri Lanka | | | Sri Jayawardenapura Kotte
LR | le | | République du Liberia | Libéria | | Monrovia
LS | le | | Royaume du Lesotho | | | Maseru
LT | la | | République de Lituanie | | | Vilnius
LU | le | | Grand-Duché de Luxembourg | | | Luxembourg
LV | la | | République de Lettonie | | | Riga
LY | la | | État de Libye | | | Tripoli
MA | le | | Royaume du Maroc | Royaume chérifien | | Rabat
MC | | | Principauté de Monaco | | | Monaco
MD | la | | République de Moldavie | Moldova | | Chisinau
ME | le | | | | | Podgorica
MG | | | République de Madagascar | | | Antananarivo
MH | les | | République des Îles Marshall | | | Majuro
MK | la | | République de Macédoine du Nord | Macédoine | | Skopje
ML | le | | République du Mali | | | Bamako
MM | la | Birmanie | République de l’Union du Myanmar | Myanmar | | Naypyidaw
MN | la | | | | | Oulan-Bator
MR | la | | République islamique de Mauritanie | | | Nouakchott
MT | | | République de Malte | | | La Valette
MU | | | République de Maurice | Île Maurice | | Port-Louis
MV | les | | République des Maldives | | | Malé
MW | le | | République du Malawi | | | Lilongwe
MX | le | | États-Unis du Mexique | | | Mexico
MY | la | | | Malaysia | | Kuala Lumpur
MZ | le | | République du Mozambique | | | Maputo
NA | la | | République de Namibie | | | Windhoek
NE | le | | République du Niger | | | Niamey
NG | le | | République fédérale du Nigeria | Nigéria | | Abuja
NI | le | | République du Nicaragua | | | Managua
NL | les | | Royaume des Pays-Bas | | | Amsterdam
NO | la | | Royaume de Norvège | | | Oslo
NP | le | | République fédérale démocratique du Népal | | | Katmandou
NR | | | République de Nauru | | | Yaren
NZ | la | | | | | Wellington
OM | | | Sultanat d’Oman | | | Mascate
PA | le | | République du Panama | | | Panama
PE | le | | République du Pérou | | | Lima
PG | la | | État indépendant de Papouasie-Nouvelle-Guinée | | | Port Moresby
PH | les | | République des Philippines | | | Manille
PK | le | | République islamique du Pakistan | | | Islamabad
PL | la | | République de Pologne | | | Varsovie
PS | la | Palestine | État de Palestine | Territoires palestiniens | |
PT | le | | République portugaise | | | Lisbonne
PW | les | | République des Palaos | Palau | | Ngerulmud
PY | le | | République du Paraguay | | | Asuncion
QA | le | | État du Qatar | | | Doha
RO | la | | | | | Bucarest
RS | la | | République de Serbie | | | Belgrade
RU | la | | Fédération de Russie | | | Moscou
RW | le | | République du Rwanda | | | Kigali
SA | l’ | | Royaume d’Arabie saoudite | | | Riyad
SB | les | | | Salomon | | Honiara
SC | les | | République des Seychelles | | | Victoria
SD | le | | République du Soudan | | | Khartoum
SE | la | | Royaume de Suède | | | Stockholm
SG | | | République de Singapour | | | Singapour
SI | la | | République de Slovénie | | | Ljubljana
SK | la | | République slovaque | | | Bratislava
SL | la | | République de Sierra Leone | | | Freetown
SM | | | République de Saint-Marin | | | Saint-Marin
SN | le | | République du Sénégal | | | Dakar
SO | la | | République fédérale de Somalie | | | Mogadiscio
SR | le | | République du Suriname | Surinam | | Paramaribo
SS | le | | République du Soudan du Sud | | | Djouba
ST | | | République démocratique de Sao Tomé-et-Principe | São Tomé-et-Príncipe | | Sao Tomé
SV | le | | République d’El Salvador | El Salvador | | San Salvador
SY | la | | République arabe syrienne | | | Damas
SZ | l’ | | Royaume d’Eswatini | Swaziland | | Mbabane; Lobamba
TD | le | | République du Tchad | | | N’Djamena
TG | le | | République togolaise | | | Lomé
TH | la | | Royaume de Thaïlande | | | Bangkok
TJ | le | | République du Tadjikistan | | | Douchanbé
TL | le | | République démocratique du Timor oriental | Timor-Leste | | Dili
TM | le | | | | | Achgabat
TN | la | | République tunisienne | | | Tunis
TO | les | | Royaume des Tonga | | | Nuku’alofa
TR | la | | République de Turquie | Türkiye | | Ankara
TT | | | République de Trinité-et-Tobago | | | Port-d’Espagne
TV | | | | | | Funafuti
TW | | | République de Chine | Taiwan | | Taipei
TZ | la | | République unie de Tanzanie | | | Dodoma
UA | l’ | | | | | Kiev
UG | l’ | | République de l’Ouganda | | | Kampala
US | les | | États-Unis d’Amérique | | USA | Washington
UY | l’ | | République orientale de l’Uruguay | | | Montevideo
UZ | l’ | | République d’Ouzbékistan | | | Tachkent
VA | le | Vatican | État de la Cité du Vatican | Saint-Siège; Cité du Vatican | | Cité du Vatican
VC | | Saint-Vincent-et-les-Grenadines | | | | Kingstown
VE | le | | République bolivarienne du Venezuela | Vénézuela | | Caracas
VN | le | Vietnam | République socialiste du Viêt Nam | Viêt Nam; Viet Nam | | Hanoï
VU | le | | République de Vanuatu | | | Port-Vila
WS | les | | État indépendant du Samoa | | | Apia
XK | le | | République du Kosovo | | | Pristina
YE | le | | République du Yémen | | | Sanaa
ZA | l’ | | République d’Afrique du Sud | | | Pretoria; Le Cap; Bloemfontein
ZM | la | | République de Zambie | | | Lusaka
ZW | le | | République du Zimbabwe | | | Harare
"""

# Other ISO 3166-1 entries: dependencies, overseas territories, special regions, Antarctica.
# ISO | article | short name ("" = CLDR) | parent state ("" = none) | aliases
TERRITORIES = """
AI | | | GB |
AQ | l’ | | |
AS | les | | US |
AW | | | NL |
AX | les | | FI | Åland
BL | | | FR |
BM | les | | GB |
BQ | les | | NL | Bonaire, Saint-Eustache et Saba
BV | l’ | | NO |
CC | les | | AU |
CK | les | | NZ |
CW | | | NL |
CX | l’ | | AU |
EH | le | | |
FK | les | | GB | Malouines; Falkland
FO | les | | DK |
GF | la | Guyane | FR | Guyane française
GG | | | GB |
GI | | | GB |
GL | le | | DK |
GP | la | | FR |
GS | la | | GB |
GU | | | US |
HK | | Hong Kong | CN | Hong-Kong
HM | les | | AU |
IM | l’ | | GB | Île de Man
IO | le | | GB |
JE | | | GB |
KY | les | | GB |
MF | | | FR |
MO | | Macao | CN | Macau
MP | les | | US |
MQ | la | | FR |
MS | | | GB |
NC | la | | FR |
NF | l’ | | AU |
NU | | | NZ |
PF | la | | FR | Tahiti
PM | | | FR |
PN | les | | GB |
PR | | | US |
RE | | | FR | Réunion; Île de la Réunion
SH | | | GB |
SJ | le | | NO |
SX | | Sint Maarten | NL |
TC | les | | GB |
TF | les | | FR |
TK | les | | NZ |
UM | les | | US |
VG | les | | GB |
VI | les | | US |
WF | | | FR |
YT | | | FR |
"""

# Spelling variants of capitals and cities (first = name used in the gazetteer).
CITY_ALIASES = """
Abou Dhabi; Abu Dhabi
Addis-Abeba; Addis Abeba
Al Hoceïma; Al-Hoceïma
Almaty; Alma-Ata
Antananarivo; Tananarive
Asuncion; Asunción
Bogota; Bogotá
Brasilia; Brasília
Busan; Pusan
Calcutta; Kolkata
Canton; Guangzhou
Charjah; Sharjah
Charm el-Cheikh; Charm el Cheikh; Sharm el-Sheikh
Chisinau; Chișinău; Kichinev
Dacca; Dhaka
Dar es Salaam; Dar es Salam
Djeddah; Jeddah
Djouba; Juba
Dnipro; Dnipropetrovsk
Dubaï; Dubai
El-Fasher; El Fasher; El-Facher
Erbil; Arbil
Erevan; Iérévan; Yerevan
Fès; Fez
Guatemala; Guatemala City
Hanoï; Hanoi
Hô Chi Minh-Ville; Saïgon
Kharkiv; Kharkov
Kiev; Kyiv; Kiïv
Koweït; Koweït City
Laâyoune; El Ayoun
Louhansk; Lougansk
Madras; Chennai
Bombay; Mumbai
Bangalore; Bengaluru
Bénarès; Varanasi
Mexico; Mexico City
Mogadiscio; Mogadishu
Mossoul; Mosul
Mykolaïv; Mykolaiv
Naypyidaw; Naypyitaw; Nay Pyi Taw
N’Djamena; Ndjamena
New York; New-York
Nzérékoré; N’Zérékoré
Odessa; Odesa
Oulan-Bator; Oulan Bator; Ulaanbaatar
Panama; Panama City
Pékin; Beijing
Rangoun; Yangon
Riyad; Riyadh
Sanaa; Sana’a
Sao Tomé; São Tomé
São Paulo; Sao Paulo
Rio de Janeiro; Rio
Tbilissi; Tbilisi
Tel Aviv; Tel-Aviv; Tel Aviv-Jaffa
Washington; Washington DC
Le Cap; Cape Town
La Nouvelle-Orléans; Nouvelle-Orléans
Zaporijia; Zaporijjia; Zaporizhzhia
Souleimaniye; Sulaymaniyah
Nadjaf; Najaf
Kerbala; Karbala
Deir ez-Zor; Deir Ezzor
Raqqa; Rakka
Mazar-e-Charif; Mazar-i-Sharif
Cusco; Cuzco
Carthagène; Carthagène des Indes
Lattaquié; Lattaquieh
Hodeïda; Hodeida
Taipei; Taïpei
Pristina; Prishtina
Achgabat; Achkhabad
"""

# Major and newsworthy cities (capitals come from STATES). "ISO: name; name…"; a trailing "~"
# marks a secondary homonym (Valence ES comes before Valence FR); "XX@YY" = city of territory
# XX belonging to state YY.
CITIES = """
FR: Marseille; Lyon; Toulouse; Nice; Nantes; Montpellier; Strasbourg; Bordeaux; Lille; Rennes; Reims; Toulon; Saint-Étienne; Le Havre; Grenoble; Dijon; Angers; Nîmes; Villeurbanne; Clermont-Ferrand; Le Mans; Aix-en-Provence; Brest; Tours; Amiens; Limoges; Annecy; Perpignan; Metz; Besançon; Orléans; Rouen; Mulhouse; Caen; Nancy; Argenteuil; Montreuil; Saint-Denis; Roubaix; Tourcoing; Avignon; Poitiers; Pau; La Rochelle; Calais; Cannes; Ajaccio; Bastia; Versailles; Nanterre; Créteil; Bobigny; Vichy; Lourdes; Cherbourg; Dunkerque; Bayonne; Biarritz; Valence~; Laval~; Chamonix; Évry; Cergy; Saint-Nazaire; Lorient; Colmar; Troyes; Béziers; Sète; Arles; Fréjus; Menton
MA: Casablanca; Tanger; Fès; Marrakech; Agadir; Meknès; Oujda; Kénitra; Tétouan; Salé; Témara; Safi; Mohammedia; Khouribga; El Jadida; Béni Mellal; Nador; Taza; Settat; Berrechid; Khémisset; Larache; Guelmim; Ksar El Kébir; Errachidia; Ouarzazate; Essaouira; Al Hoceïma; Ifrane; Chefchaouen; Tiznit; Taroudant; Berkane; Sidi Kacem; Sidi Slimane; Midelt; Fnideq; Benslimane; Skhirat; Dakhla@MA; Laâyoune@MA; Smara@MA; Boujdour@MA
SN: Thiès; Touba; Saint-Louis; Kaolack; Ziguinchor; Mbour; Rufisque; Diourbel; Tambacounda; Kolda; Louga; Pikine; Guédiawaye; Diamniadio; Matam; Kédougou; Fatick; Kaffrine; Sédhiou; Saly; Podor
BE: Anvers; Gand; Charleroi; Liège; Bruges; Namur; Louvain; Mons; Malines; Alost; La Louvière; Courtrai; Hasselt; Ostende; Tournai; Verviers; Seraing; Louvain-la-Neuve; Wavre; Arlon; Ypres; Waterloo; Molenbeek-Saint-Jean; Schaerbeek; Anderlecht; Ixelles; Uccle; Mouscron; Nivelles
CH: Zurich; Genève; Bâle; Lausanne; Winterthour; Lucerne; Saint-Gall; Lugano; Bienne; Thoune; Fribourg; Neuchâtel; Sion; La Chaux-de-Fonds; Coire; Montreux; Vevey; Yverdon-les-Bains; Nyon; Davos; Zoug; Schaffhouse; Delémont; Martigny; Locarno; Bellinzone; Aarau; Morges; Sierre; Monthey
CA: Toronto; Montréal; Vancouver; Calgary; Edmonton; Québec; Winnipeg; Halifax; Gatineau; Sherbrooke; Laval; Longueuil; Trois-Rivières; Saguenay; Moncton; Regina; Saskatoon; Lévis; Rimouski; Fredericton; Charlottetown; Whitehorse; Yellowknife; Iqaluit; Mississauga; Brampton; Windsor; Terrebonne
US: New York; Los Angeles; Chicago; Houston; Phoenix; Philadelphie; San Antonio; San Diego; Dallas; San Francisco; Seattle; Boston; Miami; Atlanta; Détroit; Denver; Las Vegas; La Nouvelle-Orléans; Baltimore; Minneapolis; Pittsburgh; Cleveland; Austin; Nashville; Orlando; Portland; Honolulu; Anchorage; Sacramento; Salt Lake City; Memphis; Cincinnati; Milwaukee; Kansas City; Indianapolis; Columbus; Tampa; Jacksonville; Palm Beach; Saint-Louis~; Oakland; San José~; Fort Lauderdale; Albany; Princeton; Annapolis
GB: Birmingham; Manchester; Liverpool; Leeds; Glasgow; Édimbourg; Bristol; Sheffield; Newcastle; Cardiff; Belfast; Oxford; Cambridge; Nottingham; Leicester; Southampton; Brighton; Douvres; Aberdeen; Portsmouth; Coventry
ES: Barcelone; Valence; Séville; Saragosse; Malaga; Murcie; Palma; Las Palmas; Bilbao; Alicante; Cordoue; Valladolid; Vigo; Gijón; Grenade; Saint-Sébastien; Algésiras; Cadix; Tarifa; Ceuta; Melilla; Almería; Tolède; Salamanque; Pampelune; Saint-Jacques-de-Compostelle; Huelva; Santander; La Corogne; Marbella; Tarragone; Gérone; Santa Cruz de Tenerife
PT: Porto; Braga; Coimbra; Faro; Funchal; Setúbal; Aveiro
IT: Milan; Naples; Turin; Palerme; Gênes; Bologne; Florence; Venise; Bari; Catane; Vérone; Trieste; Messine; Padoue; Pise; Sienne; Brescia; Cagliari; Bergame; Parme; Modène; Syracuse; Lampedusa
DE: Hambourg; Munich; Cologne; Francfort; Stuttgart; Düsseldorf; Dortmund; Essen; Leipzig; Brême; Dresde; Hanovre; Nuremberg; Duisbourg; Bonn; Karlsruhe; Mannheim; Aix-la-Chapelle; Fribourg-en-Brisgau; Münster; Kiel; Rostock; Sarrebruck; Mayence; Heidelberg; Wiesbaden; Magdebourg; Ramstein
NL: Rotterdam; La Haye; Utrecht; Eindhoven; Groningue; Maastricht; Tilburg; Almere; Leyde
AT: Graz; Linz; Salzbourg; Innsbruck
PL: Cracovie; Łódź; Wrocław; Poznań; Gdańsk; Szczecin; Lublin; Katowice; Rzeszów
CZ: Brno; Ostrava
HU: Debrecen
RO: Cluj-Napoca; Timișoara; Iași; Constanța
BG: Plovdiv; Varna
GR: Thessalonique; Le Pirée; Patras; Héraklion; Lesbos
TR: Istanbul; Izmir; Bursa; Antalya; Adana; Gaziantep; Konya; Diyarbakir; Kayseri; Antakya; Kahramanmaraş
RU: Saint-Pétersbourg; Novossibirsk; Iekaterinbourg; Kazan; Nijni Novgorod; Tcheliabinsk; Samara; Omsk; Rostov-sur-le-Don; Krasnoïarsk; Volgograd; Vladivostok; Kaliningrad; Sotchi; Mourmansk; Belgorod; Koursk; Grozny; Sébastopol
UA: Kharkiv; Odessa; Dnipro; Donetsk; Zaporijia; Lviv; Kryvy Rih; Mykolaïv; Marioupol; Louhansk; Kherson; Bakhmout; Soumy; Tchernihiv; Poltava; Boutcha; Kramatorsk; Pokrovsk; Avdiïvka; Tchernobyl
LT: Kaunas
SE: Göteborg; Malmö
NO: Bergen
DK: Aarhus
IE: Cork
HR: Split; Dubrovnik
RS: Novi Sad
BA: Mostar; Srebrenica
MD: Tiraspol
AZ: Stepanakert
GE: Batoumi
EG: Alexandrie; Gizeh; Louxor; Assouan; Port-Saïd; Suez; Charm el-Cheikh; Ismaïlia; Hurghada
IL: Tel Aviv; Haïfa; Eilat; Beer-Sheva
PS: Gaza; Ramallah; Naplouse; Hébron; Jénine; Rafah; Khan Younès; Bethléem; Jéricho
LB: Tripoli~; Saïda; Tyr; Baalbek
SY: Alep; Homs; Hama; Lattaquié; Idlib; Raqqa; Deir ez-Zor; Tartous; Deraa; Palmyre
JO: Aqaba; Zarka
IQ: Mossoul; Bassora; Erbil; Kirkouk; Nadjaf; Kerbala; Falloujah; Souleimaniye
IR: Ispahan; Machhad; Tabriz; Chiraz; Qom; Bandar Abbas; Natanz
SA: Djeddah; La Mecque; Médine; Dammam
AE: Dubaï; Charjah
YE: Aden; Hodeïda; Marib
DZ: Oran; Constantine; Annaba; Blida; Sétif; Batna; Tlemcen; Béjaïa; Tizi Ouzou; Ouargla; Tamanrasset; Tindouf; Biskra
TN: Sfax; Sousse; Kairouan; Bizerte; Gabès; Monastir; Nabeul; Kasserine; Sidi Bouzid; Djerba
LY: Benghazi; Misrata; Syrte; Tobrouk; Derna; Sebha
MR: Nouadhibou; Zouérate
ML: Tombouctou; Gao; Kidal; Mopti; Ségou; Sikasso; Kayes
NE: Agadez; Zinder; Maradi; Tahoua; Diffa
BF: Bobo-Dioulasso; Koudougou; Djibo
CI: Abidjan; Bouaké; San-Pédro; Korhogo; Daloa
GH: Kumasi; Tamale
BJ: Cotonou; Parakou
NG: Lagos; Kano; Ibadan; Port Harcourt; Maiduguri; Kaduna; Benin City; Enugu
GN: Nzérékoré; Kankan
TD: Abéché; Moundou
CM: Douala; Garoua; Bamenda; Maroua; Buea
GA: Port-Gentil
GQ: Bata
CG: Pointe-Noire
CD: Lubumbashi; Goma; Bukavu; Kisangani; Mbuji-Mayi; Kananga; Bunia; Beni; Matadi; Kolwezi; Uvira
SD: Omdourman; Port-Soudan; El-Fasher; Nyala; Kassala; El-Obeid; Wad Madani
ET: Dire Dawa; Mekele; Gondar; Bahir Dar
ER: Massaoua
SO: Hargeisa; Kismaayo; Baidoa
KE: Mombasa; Kisumu
UG: Entebbe
BI: Bujumbura
TZ: Dar es Salaam; Zanzibar; Arusha
ZW: Bulawayo
MZ: Beira
MW: Blantyre
MG: Toamasina
ZA: Johannesburg; Durban; Soweto; Port Elizabeth
AO: Cabinda
CN: Shanghai; Canton; Shenzhen; Tianjin; Chongqing; Wuhan; Chengdu; Nankin; Hangzhou; Xi’an; Harbin; Shenyang; Lhassa; Urumqi; Qingdao; Dalian; Suzhou; Xiamen; Zhengzhou; Kunming; HK@CN: Hong Kong; MO@CN: Macao
TW: Kaohsiung
JP: Osaka; Kyoto; Yokohama; Nagoya; Kobe; Hiroshima; Nagasaki; Fukushima; Sapporo; Fukuoka
KR: Busan; Incheon; Daegu
IN: Bombay; Calcutta; Madras; Bangalore; Hyderabad; Ahmedabad; Pune; Jaipur; Lucknow; Srinagar; Bénarès; Agra; Amritsar; Delhi
PK: Karachi; Lahore; Peshawar; Rawalpindi; Quetta; Faisalabad; Multan; Hyderabad~
AF: Kandahar; Hérat; Mazar-e-Charif; Jalalabad
BD: Chittagong
LK: Colombo; Kandy
TH: Chiang Mai; Phuket; Pattaya
VN: Hô Chi Minh-Ville; Da Nang; Haïphong
KH: Siem Reap
MM: Rangoun; Mandalay
MY: Putrajaya; Johor Bahru
ID: Surabaya; Bandung; Medan; Denpasar
PH: Cebu; Davao; Quezon City
KZ: Almaty
UZ: Samarcande; Boukhara
MX: Guadalajara; Monterrey; Tijuana; Puebla; Cancún; Ciudad Juárez; Acapulco; Culiacán
HN: San Pedro Sula
CU: Santiago de Cuba
HT: Cap-Haïtien
CO: Medellín; Cali; Carthagène; Barranquilla
VE: Maracaibo
EC: Guayaquil
PE: Cusco; Arequipa
BO: Santa Cruz de la Sierra
CL: Valparaiso
AR: Córdoba; Rosario; Mendoza
BR: São Paulo; Rio de Janeiro; Salvador de Bahia; Belo Horizonte; Fortaleza; Recife; Manaus; Porto Alegre; Curitiba; Belém
AU: Sydney; Melbourne; Brisbane; Perth; Adélaïde
NZ: Auckland; Christchurch
GF@FR: Cayenne; Kourou
MQ@FR: Fort-de-France
GP@FR: Pointe-à-Pitre; Basse-Terre
RE@FR: Saint-Denis~; Saint-Pierre
YT@FR: Mamoudzou
NC@FR: Nouméa
PF@FR: Papeete
PR@US: San Juan
GL@DK: Nuuk
GI@GB: Gibraltar
"""

# Demonym corrections (replace mledoze's m/f for these codes). "m/f" or "m/f/mp/fp";
# "!adj" = adjective only, "!noun" = noun only. Several lemmas separated by ";".
DEMONYM_REPLACE = """
AE | émirien/émirienne; émirati/émiratie
AG | antiguais/antiguaise
KG | kirghiz/kirghize/kirghiz/kirghizes; kirghizistanais/kirghizistanaise
KN | kittitien/kittitienne
MP | mariannais/mariannaise
NZ | néo-zélandais/néo-zélandaise
SL | sierra-léonais/sierra-léonaise
SZ | swazi/swazie; eswatinien/eswatinienne
TJ | tadjik/tadjike
UZ | ouzbek/ouzbèke/ouzbeks/ouzbèkes
FK | malouin/malouine
KR | sud-coréen/sud-coréenne; coréen/coréenne
"""

# Additional lemmas in common press use (kept after mledoze's).
DEMONYM_EXTRA = """
BD | bangladeshi/bangladeshie
BF | burkinabè/burkinabè/burkinabè/burkinabè
CV | capverdien/capverdienne
HU | magyar/magyare
BH | bahreïni/bahreïnie
BY | bélarusse/bélarusse
CH | helvétique/helvétique !adj
CR | costaricien/costaricienne
CY | cypriote/cypriote
AZ | azéri/azérie
KZ | kazakh/kazakhe
MA | chérifien/chérifienne !adj
MK | nord-macédonien/nord-macédonienne
NL | hollandais/hollandaise
PW | palaosien/palaosienne
QA | qatari/qatarie
SB | salomonais/salomonaise
TL | timorais/timoraise
US | étasunien/étasunienne; états-unien/états-unienne
VU | vanuatais/vanuataise
"""

# A demonym shared by two countries resolves to the first code; the others are alternatives.
# A lemma listed here also records alternatives it may refer to ("coréen": KP).
DEMONYM_PREFERRED = {
    "congolais": ("CD", "CG"),
    "coréen": ("KR", "KP"),
    "saint-martinois": ("MF", "SX"),
}

# Regional, continental and sub-national adjectives: NOT country references.
# lemma m/f[/mp/fp] [!adj] | region | parent state ("" = none)
REGIONS = """
européen/européenne | Europe |
africain/africaine | Afrique |
asiatique/asiatique | Asie |
océanien/océanienne | Océanie |
latino-américain/latino-américaine | Amérique latine |
sud-américain/sud-américaine | Amérique du Sud |
nord-américain/nord-américaine | Amérique du Nord |
centraméricain/centraméricaine | Amérique centrale |
nord-africain/nord-africaine | Afrique du Nord |
ouest-africain/ouest-africaine | Afrique de l’Ouest |
est-africain/est-africaine | Afrique de l’Est |
subsaharien/subsaharienne | Afrique subsaharienne |
sahélien/sahélienne | Sahel |
maghrébin/maghrébine | Maghreb |
moyen-oriental/moyen-orientale/moyen-orientaux/moyen-orientales | Moyen-Orient |
proche-oriental/proche-orientale/proche-orientaux/proche-orientales | Proche-Orient |
arabe/arabe | monde arabe |
méditerranéen/méditerranéenne | Méditerranée |
caribéen/caribéenne | Caraïbes |
antillais/antillaise | Antilles |
scandinave/scandinave | Scandinavie |
nordique/nordique !adj | pays nordiques |
balkanique/balkanique !adj | Balkans |
onusien/onusienne | Nations unies |
anglais/anglaise | Angleterre | GB
écossais/écossaise | Écosse | GB
gallois/galloise | pays de Galles | GB
nord-irlandais/nord-irlandaise | Irlande du Nord | GB
flamand/flamande | Flandre | BE
wallon/wallonne | Wallonie | BE
québécois/québécoise | Québec | CA
ontarien/ontarienne | Ontario | CA
acadien/acadienne | Acadie | CA
catalan/catalane | Catalogne | ES
andalou/andalouse/andalous/andalouses | Andalousie | ES
basque/basque | Pays basque |
corse/corse | Corse | FR
breton/bretonne | Bretagne | FR
alsacien/alsacienne | Alsace | FR
kabyle/kabyle | Kabylie | DZ
rifain/rifaine | Rif | MA
sahraoui/sahraouie | Sahara occidental |
kurde/kurde | Kurdistan |
tibétain/tibétaine | Tibet | CN
ouïghour/ouïghoure | Xinjiang | CN
californien/californienne | Californie | US
texan/texane | Texas | US
"""

# Institutions and organisations.
# canonical | kind (I = institution, O = organization) | scope (i = international, n = national)
#   | country ("" = none) | acronyms (,) | aliases (;) | countries having a body of that name (,)
#   | flags: g = canonical is a generic name (not indexed, only the aliases lead here),
#            s = acronym expansion attested in gaz-sigles-fr (checked at build time)
INSTITUTIONS = """
# --- United Nations system
Organisation des Nations unies | I | i | | ONU | Nations unies; United Nations | | s
Conseil de sécurité des Nations unies | I | i | | CSNU | Conseil de sécurité; Conseil de sécurité de l’ONU; Security Council | |
Assemblée générale des Nations unies | I | i | | AGNU | Assemblée générale de l’ONU | |
Secrétariat des Nations unies | I | i | | | Secrétariat général des Nations unies; Secrétariat de l’ONU | |
Conseil économique et social des Nations unies | I | i | | ECOSOC | Conseil économique et social de l’ONU | |
Cour internationale de justice | I | i | | CIJ, ICJ | | |
Conseil des droits de l’homme des Nations unies | I | i | | CDH, CDHNU | Conseil des droits de l’homme; Conseil des droits de l’homme de l’ONU; Human Rights Council | |
Haut-Commissariat des Nations unies pour les réfugiés | I | i | | HCR, UNHCR | Haut-Commissariat aux réfugiés; Haut-Commissariat de l’ONU pour les réfugiés; Agence des Nations unies pour les réfugiés | | s
Haut-Commissariat des Nations unies aux droits de l’homme | I | i | | HCDH, OHCHR | Haut-Commissariat aux droits de l’homme; Haut-Commissariat de l’ONU aux droits de l’homme | |
Fonds des Nations unies pour l’enfance | I | i | | UNICEF | | | s
Programme alimentaire mondial | I | i | | PAM, WFP | Programme alimentaire mondial des Nations unies | |
Programme des Nations unies pour le développement | I | i | | PNUD, UNDP | | | s
Programme des Nations unies pour l’environnement | I | i | | PNUE, UNEP | ONU Environnement | | s
Fonds des Nations unies pour la population | I | i | | FNUAP, UNFPA | Fonds des Nations unies pour les activités en matière de population | | s
ONU Femmes | I | i | | | Entité des Nations unies pour l’égalité des sexes et l’autonomisation des femmes; UN Women | |
Programme commun des Nations unies sur le VIH/sida | I | i | | ONUSIDA, UNAIDS | | |
Office de secours et de travaux des Nations unies pour les réfugiés de Palestine dans le Proche-Orient | I | i | | UNRWA | Office de secours et de travaux des Nations unies | |
Bureau de la coordination des affaires humanitaires des Nations unies | I | i | | OCHA | Bureau de la coordination des affaires humanitaires | |
Organisation mondiale de la santé | I | i | | OMS, WHO | | | s
Organisation des Nations unies pour l’éducation, la science et la culture | I | i | | UNESCO | | | s
Organisation des Nations unies pour l’alimentation et l’agriculture | I | i | | FAO | | | s
Organisation internationale du travail | I | i | | OIT, ILO | | | s
Bureau international du travail | I | i | | BIT | | | s
Agence internationale de l’énergie atomique | I | i | | AIEA, IAEA | | | s
Organisation mondiale du commerce | I | i | | OMC, WTO | | | s
Organisation mondiale de la propriété intellectuelle | I | i | | OMPI, WIPO | | |
Organisation météorologique mondiale | I | i | | OMM, WMO | | | s
Organisation maritime internationale | I | i | | OMI, IMO | | | s
Organisation de l’aviation civile internationale | I | i | | OACI, ICAO | | | s
Union internationale des télécommunications | I | i | | UIT, ITU | | | s
Union postale universelle | I | i | | UPU | | |
Organisation des Nations unies pour le développement industriel | I | i | | ONUDI, UNIDO | | | s
Fonds international de développement agricole | I | i | | FIDA, IFAD | | |
Organisation mondiale du tourisme | I | i | | OMT | ONU Tourisme; UN Tourism | |
Office des Nations unies contre la drogue et le crime | I | i | | ONUDC, UNODC | | |
Organisation internationale pour les migrations | I | i | | OIM, IOM | | |
Conférence des Nations unies sur le commerce et le développement | I | i | | CNUCED, UNCTAD | Conférence des Nations unies pour le commerce et le développement | | s
Commission économique des Nations unies pour l’Afrique | I | i | | CEA, UNECA | Commission économique pour l’Afrique | |
Office des Nations unies à Genève | I | i | | ONUG | | |
Mission des Nations unies pour l’organisation d’un référendum au Sahara occidental | I | i | | MINURSO | | |
Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali | I | i | | MINUSMA | | |
Mission de l’Organisation des Nations unies pour la stabilisation en République démocratique du Congo | I | i | | MONUSCO | | |
Mission multidimensionnelle intégrée des Nations unies pour la stabilisation en Centrafrique | I | i | | MINUSCA | | |
Force intérimaire des Nations unies au Liban | I | i | | FINUL, UNIFIL | | | s
Groupe d’experts intergouvernemental sur l’évolution du climat | I | i | | GIEC, IPCC | Groupe intergouvernemental sur l’évolution du climat | | s
Organisation pour l’interdiction des armes chimiques | I | i | | OIAC, OPCW | | |
Cour pénale internationale | I | i | | CPI, ICC | | |
Cour permanente d’arbitrage | I | i | | CPA | | |
Tribunal international du droit de la mer | I | i | | TIDM | | |
# --- Bretton Woods, finance, economy
Banque mondiale | I | i | | | Groupe de la Banque mondiale; World Bank | |
Banque internationale pour la reconstruction et le développement | I | i | | BIRD | | | s
Association internationale de développement | I | i | | AID, IDA | | |
Société financière internationale | I | i | | SFI, IFC | | |
Centre international pour le règlement des différends relatifs aux investissements | I | i | | CIRDI, ICSID | | | s
Fonds monétaire international | I | i | | FMI, IMF | | | s
Organisation de coopération et de développement économiques | I | i | | OCDE, OECD | | |
Agence internationale de l’énergie | I | i | | AIE, IEA | | | s
Organisation des pays exportateurs de pétrole | I | i | | OPEP, OPEC | | | s
Organisation mondiale des douanes | I | i | | OMD, WCO | | |
Banque des règlements internationaux | I | i | | BRI, BIS | | |
Conseil de stabilité financière | I | i | | CSF | | |
Groupe d’action financière | I | i | | GAFI, FATF | Groupe d’action financière internationale | | s
Banque européenne pour la reconstruction et le développement | I | i | | BERD, EBRD | | | s
Banque asiatique de développement | I | i | | BAsD, ADB | | |
Banque asiatique d’investissement dans les infrastructures | I | i | | BAII, AIIB | | |
Banque interaméricaine de développement | I | i | | BID, IDB | | | s
Banque islamique de développement | I | i | | BID, BIsD, IsDB | | |
Nouvelle Banque de développement | I | i | | NBD | Banque des BRICS | |
G7 | I | i | | | Groupe des sept; G-7 | |
G20 | I | i | | | Groupe des vingt; G-20 | |
BRICS | I | i | | BRICS | | |
# --- Other intergovernmental organisations
Organisation du traité de l’Atlantique nord | I | i | | OTAN, NATO | Alliance atlantique | | s
Organisation pour la sécurité et la coopération en Europe | I | i | | OSCE | | | s
Conseil de l’Europe | I | i | | | | |
Cour européenne des droits de l’homme | I | i | | CEDH | | | s
Organisation internationale de police criminelle | I | i | | OIPC | Interpol | |
Organisation internationale de la francophonie | I | i | | OIF | Francophonie | |
Commonwealth des nations | I | i | | | Commonwealth | |
Organisation de la coopération islamique | I | i | | OCI | | |
Ligue des États arabes | I | i | | | Ligue arabe | |
Conseil de coopération du Golfe | I | i | | CCG, GCC | Conseil de coopération des États arabes du Golfe | |
Union du Maghreb arabe | I | i | | UMA | | |
Union interparlementaire | I | i | | UIP, IPU | | |
Association des nations de l’Asie du Sud-Est | I | i | | ASEAN, ANASE | | |
Organisation de coopération de Shanghai | I | i | | OCS | | |
Organisation des États américains | I | i | | OEA | | |
Marché commun du Sud | I | i | | | Mercosur | |
Organisation européenne pour la recherche nucléaire | I | i | | CERN | | | s
Agence spatiale européenne | I | i | | ESA, ASE | | | s
Organisation de libération de la Palestine | I | i | | OLP | | | s
# --- European Union
Union européenne | I | i | | UE | European Union | | s
Commission européenne | I | i | | | Commission de l’Union européenne; Commission de Bruxelles | |
Parlement européen | I | i | | | Parlement de l’Union européenne | |
Conseil européen | I | i | | | | |
Conseil de l’Union européenne | I | i | | | Conseil de l’UE; Conseil des ministres de l’Union européenne; Conseil des ministres de l’UE | |
Cour de justice de l’Union européenne | I | i | | CJUE | | |
Banque centrale européenne | I | i | | BCE, ECB | | | s
Banque européenne d’investissement | I | i | | BEI, EIB | | | s
Cour des comptes européenne | I | i | | | | |
Service européen pour l’action extérieure | I | i | | SEAE | | |
Parquet européen | I | i | | | | |
Europol | I | i | | | Agence de l’Union européenne pour la coopération des services répressifs; Office européen de police | |
Eurojust | I | i | | | Agence de l’Union européenne pour la coopération judiciaire en matière pénale | |
Frontex | I | i | | | Agence européenne de garde-frontières et de garde-côtes | |
Agence européenne des médicaments | I | i | | EMA | | |
Agence de l’Union européenne pour l’asile | I | i | | AUEA, EUAA | | |
Office européen de lutte antifraude | I | i | | OLAF | | |
Eurogroupe | I | i | | | | |
Comité économique et social européen | I | i | | CESE | | | s
Agence européenne pour l’environnement | I | i | | AEE | | | s
Association européenne de libre-échange | I | i | | AELE, EFTA | | | s
# --- Africa
Union africaine | I | i | | UA | | |
Commission de l’Union africaine | I | i | | CUA | Commission de l’UA | |
Conseil de paix et de sécurité de l’Union africaine | I | i | | CPS | Conseil de paix et de sécurité | |
Parlement panafricain | I | i | | PAP | | |
Cour africaine des droits de l’homme et des peuples | I | i | | CADHP | | |
Organisation de l’unité africaine | I | i | | OUA | | | s
Communauté économique des États de l’Afrique de l’Ouest | I | i | | CEDEAO, ECOWAS | | |
Union économique et monétaire ouest-africaine | I | i | | UEMOA, WAEMU | | |
Banque centrale des États de l’Afrique de l’Ouest | I | i | | BCEAO | | | s
Banque des États de l’Afrique centrale | I | i | | BEAC | | | s
Communauté économique et monétaire de l’Afrique centrale | I | i | | CEMAC | | |
Communauté économique des États de l’Afrique centrale | I | i | | CEEAC | | |
Banque africaine de développement | I | i | | BAD, AfDB | Groupe de la Banque africaine de développement | |
Banque ouest-africaine de développement | I | i | | BOAD | | |
Banque africaine d’import-export | I | i | | | Afreximbank | |
Communauté de développement de l’Afrique australe | I | i | | SADC | | |
Communauté d’Afrique de l’Est | I | i | | CAE, EAC | | |
Autorité intergouvernementale pour le développement | I | i | | IGAD | | |
Alliance des États du Sahel | I | i | | AES | Confédération des États du Sahel | |
G5 Sahel | I | i | | | G5-Sahel | |
Communauté des États sahélo-sahariens | I | i | | CEN-SAD | | |
Organisation pour l’harmonisation en Afrique du droit des affaires | I | i | | OHADA | | |
Organisation pour la mise en valeur du fleuve Sénégal | I | i | | OMVS | | |
# --- National bodies found in several countries (country unknown without context)
Présidence de la République | I | n | | | | FR, SN, CI, DZ, TN, ML, NE, BF, TG, BJ, GN, CM, GA, CG, CD, MG, MR, TD |
Primature | I | n | | | | SN, CI, ML, BF, NE, TG, GN, CM, GA, CD, MG, HT, MR, TD |
Conseil des ministres | I | n | | | | FR, BE, SN, CI, DZ, TN, ML, NE, BF, CM, GA, LB |
Conseil de gouvernement | I | n | | | | MA, LU, MC |
Assemblée nationale | I | n | | | | FR, SN, CI, ML, NE, BF, TG, BJ, CM, GA, CG, CD, DJ, MR, TD, CF, GN, MG |
Sénat | I | n | | | | FR, BE, CA, IT, ES, CM, GA, CG, CD, MG, HT, CI |
Chambre des représentants | I | n | | | | MA, BE, US, JO |
Chambre des conseillers | I | n | | | | MA, JP |
Chambre des communes | I | n | | | | CA, GB |
Parlement fédéral | I | n | | | | BE, CH |
Conseil national | I | n | | | | CH, AT, MC |
Chancellerie fédérale | I | n | | | | CH, DE, AT |
Conseil d’État | I | n | | | | FR, BE, LU, CH, IT, GR, EG, CO, TR, NL |
Conseil constitutionnel | I | n | | | | FR, SN, DZ, CI, MR, LB, TD, CM, BF |
Cour constitutionnelle | I | n | | | | MA, BE, BJ, ML, NE, GA, CG, CD, IT, TG, TN |
Cour de cassation | I | n | | | | FR, BE, MA, TN, EG, IT, LU |
Cour suprême | I | n | | | | US, CA, SN, GB, IN, IL, DZ, GN, ML |
Cour des comptes | I | n | | | | FR, MA, SN, BE, DZ, TN, CI, ML, BF, NE, GA, CM, CG, CD, PT |
Conseil économique, social et environnemental | I | n | | CESE | Conseil économique et social | FR, MA, SN, CI, BF, GA | s
Conseil supérieur de la magistrature | I | n | | CSM | | FR, SN, IT, CI, ML, BF | s
Conseil national des droits de l’homme | I | n | | CNDH | | MA, CI, MR |
Conseil de la concurrence | I | n | | | | MA, DZ, TN |
Gendarmerie nationale | I | n | | | | FR, SN, CI, DZ, BF, ML, NE, TG, BJ, CM, GA |
Police nationale | I | n | | | | FR, SN, CI, DZ, BF, ML, NE, TG, BJ, CM, GA |
Direction générale de la Sûreté nationale | I | n | | DGSN | Sûreté nationale | MA, DZ |
Autorité des marchés financiers | I | n | | AMF | | FR, CA | s
# --- France
Présidence de la République | I | n | FR | | Élysée; palais de l’Élysée | | g
Services du Premier ministre | I | n | FR | | Matignon; Hôtel de Matignon | |
Ministère de l’Europe et des Affaires étrangères | I | n | FR | MEAE | Quai d’Orsay | |
Ministère de l’Économie, des Finances et de la Souveraineté industrielle et numérique | I | n | FR | | Bercy | |
Ministère de l’Intérieur | I | n | FR | | Beauvau; place Beauvau | | g
Ministère de la Justice | I | n | FR | | place Vendôme | | g
Ministère des Armées | I | n | FR | | Hôtel de Brienne | |
Ministère de la Culture | I | n | FR | | rue de Valois | | g
Assemblée nationale | I | n | FR | | Palais-Bourbon | | g
Sénat | I | n | FR | | palais du Luxembourg | | g
Banque de France | I | n | FR | BDF | | | s
Direction générale de la sécurité intérieure | I | n | FR | DGSI | | | s
Direction générale de la sécurité extérieure | I | n | FR | DGSE | | | s
Direction générale de la police nationale | I | n | FR | DGPN | | | s
Direction générale de la gendarmerie nationale | I | n | FR | DGGN | | | s
Secrétariat général de la défense et de la sécurité nationale | I | n | FR | SGDSN | | | s
Autorité de la concurrence | I | n | FR | | | |
Autorité de régulation de la communication audiovisuelle et numérique | I | n | FR | | Arcom | |
Commission nationale de l’informatique et des libertés | I | n | FR | CNIL | | | s
Institut national de la statistique et des études économiques | I | n | FR | INSEE | | | s
Parquet national financier | I | n | FR | PNF | | |
Parquet national antiterroriste | I | n | FR | PNAT | | |
Défenseur des droits | I | n | FR | | | |
Haute Autorité pour la transparence de la vie publique | I | n | FR | HATVP | | | s
Agence française de développement | I | n | FR | AFD | | | s
Caisse des dépôts et consignations | I | n | FR | CDC | Caisse des dépôts | | s
Caisse d’allocations familiales | I | n | FR | CAF | | | s
Commissariat à l’énergie atomique et aux énergies alternatives | I | n | FR | CEA | Commissariat à l’énergie atomique | | s
Cour de justice de la République | I | n | FR | CJR | | |
# --- Morocco
Cabinet royal | I | n | MA | | | |
Ministère des Affaires étrangères, de la Coopération africaine et des Marocains résidant à l’étranger | I | n | MA | MAECAMRE | | |
Bank Al-Maghrib | I | n | MA | BAM | Banque centrale du Maroc | |
Direction générale de la surveillance du territoire | I | n | MA | DGST | Surveillance du territoire | |
Direction générale des études et de la documentation | I | n | MA | DGED | | |
Bureau central d’investigations judiciaires | I | n | MA | BCIJ | | |
Forces armées royales | I | n | MA | FAR | | |
Gendarmerie royale | I | n | MA | | | |
Conseil supérieur du pouvoir judiciaire | I | n | MA | CSPJ | | |
Délégation interministérielle aux droits de l’homme | I | n | MA | DIDH | | |
Haut-Commissariat au Plan | I | n | MA | HCP | | |
Agence marocaine de développement des investissements et des exportations | I | n | MA | AMDIE | | |
Autorité marocaine du marché des capitaux | I | n | MA | AMMC | | |
Haute Autorité de la communication audiovisuelle | I | n | MA | HACA | | |
Instance nationale de la probité, de la prévention et de la lutte contre la corruption | I | n | MA | INPPLC | | |
# --- Belgium
Banque nationale de Belgique | I | n | BE | BNB | | |
Service public fédéral Affaires étrangères | I | n | BE | | SPF Affaires étrangères | |
Sûreté de l’État | I | n | BE | VSSE | | |
Police fédérale | I | n | BE | | | |
Parlement wallon | I | n | BE | | | |
Parlement flamand | I | n | BE | | | |
Parlement de la Région de Bruxelles-Capitale | I | n | BE | | Parlement bruxellois | |
Parlement de la Fédération Wallonie-Bruxelles | I | n | BE | | | |
Autorité des services et marchés financiers | I | n | BE | FSMA | | |
Organe de coordination pour l’analyse de la menace | I | n | BE | OCAM | | |
# --- Switzerland
Conseil fédéral | I | n | CH | | | |
Assemblée fédérale | I | n | CH | | | |
Conseil des États | I | n | CH | | | |
Département fédéral des affaires étrangères | I | n | CH | DFAE | | |
Département fédéral des finances | I | n | CH | DFF | | |
Département fédéral de justice et police | I | n | CH | DFJP | | |
Département fédéral de la défense, de la protection de la population et des sports | I | n | CH | DDPS | | |
Département fédéral de l’environnement, des transports, de l’énergie et de la communication | I | n | CH | DETEC | | |
Département fédéral de l’économie, de la formation et de la recherche | I | n | CH | DEFR | | |
Département fédéral de l’intérieur | I | n | CH | DFI | | |
Direction du développement et de la coopération | I | n | CH | DDC | | |
Secrétariat d’État à l’économie | I | n | CH | SECO | | |
Secrétariat d’État aux migrations | I | n | CH | SEM | | |
Banque nationale suisse | I | n | CH | BNS | | |
Tribunal fédéral | I | n | CH | | | |
Ministère public de la Confédération | I | n | CH | MPC | | |
Office fédéral de la police | I | n | CH | | fedpol | |
Office fédéral de la santé publique | I | n | CH | OFSP | | |
Office fédéral de la statistique | I | n | CH | OFS | | |
Autorité fédérale de surveillance des marchés financiers | I | n | CH | FINMA | | |
Service de renseignement de la Confédération | I | n | CH | SRC | | |
Armée suisse | I | n | CH | | | |
Grand Conseil | I | n | CH | | | |
# --- Senegal
Haut Conseil des collectivités territoriales | I | n | SN | HCCT | | |
Office national de lutte contre la fraude et la corruption | I | n | SN | OFNAC | | |
Agence de promotion des investissements et des grands travaux | I | n | SN | APIX | | |
# --- Canada
Parlement du Canada | I | n | CA | | | |
Banque du Canada | I | n | CA | | | |
Cour suprême du Canada | I | n | CA | | | |
Gendarmerie royale du Canada | I | n | CA | GRC | | |
Service canadien du renseignement de sécurité | I | n | CA | SCRS | | |
Affaires mondiales Canada | I | n | CA | | | |
Statistique Canada | I | n | CA | | | |
Agence du revenu du Canada | I | n | CA | ARC | | |
Immigration, Réfugiés et Citoyenneté Canada | I | n | CA | IRCC | | |
Forces armées canadiennes | I | n | CA | FAC | | |
Élections Canada | I | n | CA | | | |
Bureau du Conseil privé | I | n | CA | | | |
Assemblée nationale du Québec | I | n | CA | | | |
# --- Other states frequently in the news
Congrès des États-Unis | I | n | US | | Congrès américain | |
Sénat des États-Unis | I | n | US | | Sénat américain | |
Chambre des représentants des États-Unis | I | n | US | | | |
Maison-Blanche | I | n | US | | Maison Blanche | |
Département d’État des États-Unis | I | n | US | | Département d’État | |
Département de la Défense des États-Unis | I | n | US | | Pentagone | |
Réserve fédérale des États-Unis | I | n | US | | Réserve fédérale; Fed | |
Cour suprême des États-Unis | I | n | US | | | |
Central Intelligence Agency | I | n | US | CIA | | |
Federal Bureau of Investigation | I | n | US | FBI | | |
National Security Agency | I | n | US | NSA | | |
Downing Street | I | n | GB | | | |
Chambre des lords | I | n | GB | | | |
Banque d’Angleterre | I | n | GB | BoE | | |
Kremlin | I | n | RU | | | |
Douma d’État | I | n | RU | | Douma | |
Service fédéral de sécurité | I | n | RU | FSB | | |
Bundestag | I | n | DE | | | |
Bundesbank | I | n | DE | | Banque fédérale d’Allemagne | |
Knesset | I | n | IL | | | |
Forces de défense d’Israël | I | n | IL | | Tsahal | |
Mossad | I | n | IL | | | |
Corps des gardiens de la révolution islamique | I | n | IR | CGRI | Gardiens de la révolution | |
Armée nationale populaire | I | n | DZ | ANP | | |
Assemblée populaire nationale | I | n | DZ | APN | | |
Assemblée des représentants du peuple | I | n | TN | ARP | Bardo; palais du Bardo | |
Verkhovna Rada | I | n | UA | | Rada | |
Assemblée nationale populaire | I | n | CN | ANP | | |
Banque populaire de Chine | I | n | CN | | | |
Autorité palestinienne | I | n | PS | | Autorité nationale palestinienne | |
# --- Francophone states: the seats of power the press names for the body (metonyms, like
# Matignon above), and bodies of their own; a generic canonical name ("g") is reached only
# through the metonyms
Présidence de la République | I | n | DZ | | El Mouradia; palais d’El Mouradia | | g
Conseil de la nation | I | n | DZ | | | |
Banque d’Algérie | I | n | DZ | | | |
Présidence de la République | I | n | TN | | palais de Carthage | | g
Présidence du gouvernement | I | n | TN | | Kasbah; palais de la Kasbah | |
Banque centrale de Tunisie | I | n | TN | BCT | | |
Conseil national des régions et des districts | I | n | TN | CNRD | | |
Présidence de la République | I | n | LB | | Baabda; palais de Baabda | | g
Présidence du Conseil des ministres | I | n | LB | | Grand Sérail | |
Banque du Liban | I | n | LB | BDL | | |
Armée libanaise | I | n | LB | | | |
Présidence de la République | I | n | CM | | Etoudi; palais d’Etoudi; Palais de l’Unité | | g
Services du Premier ministre | I | n | CM | | Immeuble Étoile | | g
Ministère des Relations extérieures | I | n | CM | MINREX | Minrex | |
Ministère des Finances | I | n | CM | MINFI | Minfi | | g
Ministère des Sports et de l’Éducation physique | I | n | CM | MINSEP | Minsep | |
Ministère de la Défense | I | n | CM | MINDEF | Mindef | | g
Ministère de l’Administration territoriale | I | n | CM | MINAT | Minat | | g
Ministère de la Communication | I | n | CM | MINCOM | Mincom | | g
Ministère de la Santé publique | I | n | CM | MINSANTE | Minsanté; Minsante | | g
Ministère de l’Enseignement supérieur | I | n | CM | MINESUP | Minesup | | g
Ministère de l’Agriculture et du Développement rural | I | n | CM | MINADER | Minader | | g
Ministère de l’Économie, de la Planification et de l’Aménagement du territoire | I | n | CM | MINEPAT | Minepat | |
Présidence du Faso | I | n | BF | | Kosyam; palais de Kosyam | |
Présidence de la République | I | n | ML | | Koulouba; palais de Koulouba | | g
Conseil national de transition | I | n | ML | CNT | | |
Forces armées maliennes | I | n | ML | FAMa | | |
Présidence de la République | I | n | SN | | palais de la République | | g
Présidence de la République | I | n | GA | | palais Rénovation; palais du Bord de mer | | g
Présidence de la République | I | n | CG | | palais du Peuple | | g
Présidence de la République | I | n | BJ | | palais de la Marina | | g
Présidence de la République | I | n | GN | | Sékhoutouréya; palais de Sékhoutouréya | | g
Présidence de la République | I | n | CF | | palais de la Renaissance | | g
Présidence de la République | I | n | TD | | palais Rose | | g
Présidence de la République | I | n | TG | | palais de Lomé II | | g
Présidence de la République | I | n | KM | | Beit-Salam | | g
Présidence de la République | I | n | RW | | Village Urugwiro | | g
Chancellerie du Premier ministre | I | n | BE | | Lambermont | |
Chambre des députés | I | n | LU | | Krautmaart | | g
Présidence de la République | I | n | MG | | Iavoloha; palais d’Iavoloha; palais d’État d’Iavoloha | | g
Primature | I | n | MG | | Mahazoarivo; palais de Mahazoarivo | | g
Assemblée nationale | I | n | MG | | Tsimbazaza | | g
Haute Cour constitutionnelle | I | n | MG | HCC | | |
Conseil présidentiel de transition | I | n | HT | CPT | Villa d’Accueil | |
Police nationale d’Haïti | I | n | HT | PNH | | |
Forces armées d’Haïti | I | n | HT | FAd’H | | |
Bureau intégré des Nations unies en Haïti | I | i | | BINUH | | |
Gouvernement wallon | I | n | BE | | Élysette | |
Gouvernement flamand | I | n | BE | | | |
Fédération Wallonie-Bruxelles | I | n | BE | FWB | | |
Banque centrale du Luxembourg | I | n | LU | BCL | | |
Gouvernement du Québec | I | n | CA | | | |
Sûreté du Québec | I | n | CA | SQ | | |
Caisse de dépôt et placement du Québec | I | n | CA | CDPQ | | |
Institut national de la statistique | I | n | | INS | | TN, NE, CI, CM, BJ, GN, CD, ML, TG, BI |
# --- Organisations (companies, NGOs, media, parties, sport): canonicalisation only
Comité international de la Croix-Rouge | O | i | | CICR, ICRC | | | s
Fédération internationale des sociétés de la Croix-Rouge et du Croissant-Rouge | O | i | | FICR, IFRC | | |
Médecins sans frontières | O | i | | MSF | | | s
Médecins du monde | O | i | | MDM | | |
Action contre la faim | O | i | | ACF | | |
Amnesty International | O | i | | | Amnesty | |
Human Rights Watch | O | i | | HRW | | |
Reporters sans frontières | O | i | | RSF | | |
Handicap International | O | i | | | Humanité & Inclusion | |
Oxfam | O | i | | | Oxfam International | |
Greenpeace | O | i | | | | |
Transparency International | O | i | | | | |
International Crisis Group | O | i | | ICG | Crisis Group | |
Fonds mondial pour la nature | O | i | | WWF | | |
Agence mondiale antidopage | O | i | | AMA, WADA | | |
Tribunal arbitral du sport | O | i | | TAS | | |
FIFA | O | i | | FIFA | Fédération internationale de football association | |
Confédération africaine de football | O | i | | CAF | | |
UEFA | O | i | | UEFA | Union des associations européennes de football | |
Comité international olympique | O | i | | CIO, IOC | | | s
Fédération royale marocaine de football | O | n | MA | FRMF | | |
Fédération française de football | O | n | FR | FFF | | |
Fédération sénégalaise de football | O | n | SN | FSF | | |
Association suisse de football | O | n | CH | ASF | | |
Lions de l’Atlas | O | n | MA | | | |
Lions de la Teranga | O | n | SN | | | |
Lions indomptables | O | n | CM | | | |
Aigles de Carthage | O | n | TN | | | |
Diables rouges | O | n | BE | | | |
Fédération camerounaise de football | O | n | CM | FECAFOOT | Fecafoot | |
Cameroon Radio Television | O | n | CM | CRTV | | |
Sonatrach | O | n | DZ | | | |
Sonelgaz | O | n | DZ | | | |
Jirama | O | n | MG | | Jiro sy rano malagasy | |
Hydro-Québec | O | n | CA | | | |
Paris Saint-Germain | O | n | FR | PSG | | |
Front Polisario | O | i | | | Polisario | |
Hamas | O | i | | | Mouvement de la résistance islamique | |
Hezbollah | O | i | LB | | Hezbollah libanais | |
Moody’s | O | i | | | Moody’s Investors Service | |
S&P Global Ratings | O | i | | | S&P; Standard & Poor’s | |
Fitch Ratings | O | i | | | Fitch | |
Office chérifien des phosphates | O | n | MA | OCP | Groupe OCP | |
Royal Air Maroc | O | n | MA | RAM | | |
Office national des chemins de fer | O | n | MA | ONCF | | |
Société nationale des chemins de fer français | O | n | FR | SNCF | | |
Électricité de France | O | n | FR | EDF | | |
Agence France-Presse | O | n | FR | AFP | | | s
Maghreb Arabe Presse | O | n | MA | MAP | Agence marocaine de presse | |
Agence de presse sénégalaise | O | n | SN | APS | | |
Algérie Presse Service | O | n | DZ | APS | | |
Radio France internationale | O | n | FR | RFI | | | s
Radio-télévision belge de la Communauté française | O | n | BE | RTBF | | |
Radio télévision suisse | O | n | CH | RTS | | |
Radiodiffusion télévision sénégalaise | O | n | SN | RTS | | |
Société Radio-Canada | O | n | CA | SRC | Radio-Canada | |
Associated Press | O | i | | AP | | |
Le Figaro | O | n | FR | | Figaro | |
Institut du monde arabe | O | n | FR | IMA | | |
Rassemblement national | O | n | FR | RN | | |
Les Républicains | O | n | FR | LR | | |
La France insoumise | O | n | FR | LFI | | |
Parti socialiste | O | n | | PS | | FR, BE, CH, SN |
Parti communiste français | O | n | FR | PCF | | |
Mouvement démocrate | O | n | FR | | MoDem | |
Les Écologistes | O | n | FR | EELV | Europe Écologie Les Verts | |
Rassemblement national des indépendants | O | n | MA | RNI | | |
Parti authenticité et modernité | O | n | MA | PAM | | |
Parti de l’Istiqlal | O | n | MA | | Istiqlal | |
Parti de la justice et du développement | O | n | MA | PJD | | |
Union socialiste des forces populaires | O | n | MA | USFP | | |
Nouvelle Alliance flamande | O | n | BE | N-VA | | |
Mouvement réformateur | O | n | BE | MR | | |
Parti du travail de Belgique | O | n | BE | PTB | | |
Union démocratique du centre | O | n | CH | UDC | | |
Parti libéral-radical | O | n | CH | PLR | | |
Patriotes africains du Sénégal pour le travail, l’éthique et la fraternité | O | n | SN | | Pastef | |
Alliance pour la République | O | n | SN | APR | | |
Parti démocratique sénégalais | O | n | SN | PDS | | |
Parti libéral du Canada | O | n | CA | PLC | | |
Parti conservateur du Canada | O | n | CA | PCC | | |
Bloc québécois | O | n | CA | | | |
Nouveau Parti démocratique | O | n | CA | NPD | | |
"""

# An acronym shared by several records resolves to the one named here (else: table order).
INSTITUTION_PREFERRED = {
    "ANP": "Armée nationale populaire",
    "APS": "Agence de presse sénégalaise",
    "BID": "Banque islamique de développement",
    "CAF": "Confédération africaine de football",
    "CEA": "Commissariat à l’énergie atomique et aux énergies alternatives",
    "CESE": "Conseil économique, social et environnemental",
    "PAM": "Programme alimentaire mondial",
    "RTS": "Radio télévision suisse",
    "SRC": "Service de renseignement de la Confédération",
}

KINDS = {"I": "institution", "O": "organization"}
SCOPES = {"i": "international", "n": "national"}


# =============================================================================================
# Helpers
# =============================================================================================
def norm(text: str) -> str:
    """NFC, typographic apostrophe, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("'", APOS)
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """The build's sort and deduplication key: :func:`newsnlp.text.fold.fold` on the data's
    names (kept in sync by the tests), except letters without a decomposition (ł, ø, ß) kept
    as they are, as when the shipped files were built (folding them would move "Łódź" in
    ``cities.json``)."""
    text = unicodedata.normalize("NFKD", norm(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = text.casefold().replace(APOS, "'").replace("‘", "'").replace("ʼ", "'")
    text = re.sub(r"[-‐‑‒–—]", " ", text).replace(".", "")
    text = re.sub(r"\s*'\s*", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def rows(table: str) -> list[list[str]]:
    out = []
    for line in table.strip().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append([field.strip() for field in line.split("|")])
    return out


def split_list(field: str, sep: str = ";") -> list[str]:
    return [norm(x) for x in field.split(sep) if x.strip()]


def uniq(items: list[str], exclude: tuple[str, ...] = ()) -> list[str]:
    seen = set(exclude)
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def write_json(path: Path, obj: object) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")
    log.info("wrote %s (%d bytes)", path, len(text.encode("utf-8")))


# =============================================================================================
# Builders
# =============================================================================================
def valid_codes(data: Path) -> tuple[set[str], dict[str, str]]:
    iso = {r["alpha_2"] for r in read_tsv(data / "gaz-cldr-fr" / "iso3166_1_fr.tsv")}
    cldr = {
        r["code"]: norm(r["name_fr"])
        for r in read_tsv(data / "gaz-cldr-fr" / "cldr_territories_fr.tsv")
        if re.fullmatch(r"[A-Z]{2}", r["code"])
    }
    return iso | EXTRA_CODES, cldr


def build_countries(data: Path) -> dict[str, dict]:
    codes, cldr = valid_codes(data)
    mledoze = json.loads((data / "gaz-mledoze-countries" / "countries.json").read_text("utf-8"))
    un_members = {c["cca2"] for c in mledoze if c.get("unMember")}

    states = {r[0]: r for r in rows(STATES)}
    territories = {r[0]: r for r in rows(TERRITORIES)}
    assert not set(states) & set(territories), set(states) & set(territories)
    missing = un_members - set(states)
    assert not missing, f"UN members missing from STATES: {sorted(missing)}"
    unknown = (set(states) | set(territories)) - codes
    assert not unknown, f"not ISO 3166-1 codes: {sorted(unknown)}"
    untyped = codes - set(states) - set(territories)
    assert not untyped, f"codes in neither STATES nor TERRITORIES: {sorted(untyped)}"

    out: dict[str, dict] = {}
    for code in sorted(codes):
        cldr_name = cldr.get(code, "")
        if code in states:
            _, article, name, longs, aliases, acronyms, capitals = states[code]
            name = norm(name) or cldr_name
            aliases_l = split_list(longs) + split_list(aliases)
            capital_l = split_list(capitals)
            rec = {
                "status": "state",
                "parent": None,
                "capital": capital_l[0] if capital_l else None,
            }
            rec["capitals"] = capital_l
            acr = split_list(acronyms)
        else:
            _, article, name, parent, aliases = territories[code]
            name = norm(name) or cldr_name
            aliases_l = split_list(aliases)
            rec = {"status": "territory", "parent": parent or None, "capital": None, "capitals": []}
            acr = []
            assert not parent or parent in states, (code, parent)
        assert name, code
        # CLDR's own name, when it differs and is a usable surface form ("Congo-Kinshasa").
        if cldr_name and cldr_name != name and not re.search(r"[().]", cldr_name):
            aliases_l.append(cldr_name)
        variants = [drop_initial_accent(x) for x in [name, *aliases_l]]
        rec.update(
            {
                "name": name,
                "article": article,
                "aliases": uniq(aliases_l + variants, exclude=(name,)),
                "acronyms": acr,
                "cldr_name": cldr_name or None,
            }
        )
        assert article in {"", "le", "la", "les", "l’"}, (code, article)
        out[code] = rec
    check_country_collisions(out)
    return out


def check_country_collisions(countries: dict[str, dict]) -> None:
    seen: dict[str, str] = {}
    for code, rec in countries.items():
        for form in [rec["name"], *rec["aliases"]]:
            key = fold(form)
            other = seen.setdefault(key, code)
            assert other == code, f"form {form!r} of {code} collides with {other}"
        for acr in rec["acronyms"]:
            assert acr.isupper(), (code, acr)


def parse_lemmas(spec: str) -> list[dict]:
    """``"m/f[/mp/fp] [!adj|!noun]; …"`` → lemma entries with all inflected forms."""
    out = []
    for part in spec.split(";"):
        part = part.strip()
        if not part:
            continue
        only = None
        if "!" in part:
            part, only = (x.strip() for x in part.split("!"))
        out.append(inflect(*[norm(x) for x in part.split("/")], only=only))
    return out


def plural(word: str) -> str:
    return word if word.endswith(("s", "x", "z")) else word + "s"


def noun_case(word: str) -> str:
    parts = word.split("-")
    return "-".join(p if p in {"et", "de", "du"} else p[:1].upper() + p[1:] for p in parts)


def inflect(m: str, f: str, mp: str = "", fp: str = "", only: str | None = None) -> dict:
    m, f = m.lower(), f.lower()
    forms = uniq([m, f, (mp or plural(m)).lower(), (fp or plural(f)).lower()])
    return {
        "lemma": m,
        "adj": forms if only != "noun" else [],
        "noun": [noun_case(x) for x in forms] if only != "adj" else [],
    }


def build_demonyms(data: Path, countries: dict[str, dict]) -> dict:
    mledoze = json.loads((data / "gaz-mledoze-countries" / "countries.json").read_text("utf-8"))
    replace = {r[0]: r[1] for r in rows(DEMONYM_REPLACE)}
    extra = {r[0]: r[1] for r in rows(DEMONYM_EXTRA)}
    entries: dict[str, list[dict]] = {}
    for c in sorted(mledoze, key=lambda c: c["cca2"]):
        code = c["cca2"]
        if code not in countries:
            continue
        if code in replace:
            lemmas = parse_lemmas(replace[code])
        else:
            m, f = c["demonyms"]["fra"]["m"], c["demonyms"]["fra"]["f"]
            pairs = zip(m.split(","), f.split(","), strict=True) if m else []
            lemmas = [inflect(norm(a), norm(b)) for a, b in pairs]
        lemmas += parse_lemmas(extra.get(code, ""))
        if lemmas:
            entries[code] = lemmas

    # A territory does not keep a form already used by a state (TF "français", BQ "néerlandais").
    state_forms = {
        fold(x)
        for code, ls in entries.items()
        if countries[code]["status"] == "state"
        for e in ls
        for x in e["adj"] + e["noun"]
    }
    for code in sorted(entries):
        if countries[code]["status"] == "territory":
            kept = [e for e in entries[code] if fold(e["lemma"]) not in state_forms]
            if kept:
                entries[code] = kept
            else:
                del entries[code]

    # Forms shared by several countries need an explicit preference.
    owners: dict[str, set[str]] = defaultdict(set)
    for code, ls in entries.items():
        for e in ls:
            owners[fold(e["lemma"])].add(code)
    by_key = {fold(k): (k, v) for k, v in DEMONYM_PREFERRED.items()}
    preferred: dict[str, list[str]] = {}
    for key, codes in sorted(owners.items()):
        lemma, pref = by_key.get(key, (key, ()))
        if len(codes) > 1:
            assert set(pref) >= codes, f"ambiguous demonym {lemma!r}: {sorted(codes)}"
        if pref:
            assert pref[0] in codes, (lemma, pref)
            preferred[lemma] = list(pref)
    assert set(DEMONYM_PREFERRED) <= set(preferred), set(DEMONYM_PREFERRED) - set(preferred)

    return {
        "license": "ODbL-1.0",
        "attribution": (
            "Contains information from mledoze/countries "
            "(https://github.com/mledoze/countries), made available under the Open Database "
            "License (ODbL) 1.0 (https://opendatacommons.org/licenses/odbl/1-0/); plural and "
            "adjective forms derived, and corrections added, by the newsnlp developers. "
            "This derived database is distributed under the ODbL 1.0 (LICENSE-ODbL-1.0.txt)."
        ),
        "countries": entries,
        "preferred": preferred,
    }


def build_regions() -> dict[str, dict]:
    out = {}
    for spec, region, parent in rows(REGIONS):
        (entry,) = parse_lemmas(spec)
        assert entry["lemma"] not in out, entry["lemma"]
        out[entry["lemma"]] = {**entry, "region": norm(region), "parent": parent or None}
    return out


def build_cities(countries: dict[str, dict]) -> list[dict]:
    aliases: dict[str, list[str]] = {}
    for line in CITY_ALIASES.strip().splitlines():
        names = split_list(line)
        assert names[0] not in aliases, names[0]
        aliases[names[0]] = names[1:]

    records: list[dict] = []

    def add(name: str, iso2: str, capital: bool, territory: str | None, secondary: bool) -> None:
        assert iso2 in countries and countries[iso2]["status"] == "state", (name, iso2)
        assert territory is None or territory in countries, (name, territory)
        rec = {
            "name": name,
            "iso2": iso2,
            "capital": capital,
            "territory": territory,
            "aliases": aliases.get(name, []),
            "_order": (0 if capital else 1 if not secondary else 2, len(records)),
        }
        dup = [
            r for r in records if (r["name"], r["iso2"], r["territory"]) == (name, iso2, territory)
        ]
        if dup:  # a capital also listed as a city: keep the capital record
            return
        records.append(rec)

    for code, rec in countries.items():
        for cap in rec["capitals"]:
            add(cap, code, True, None, False)
    for line in CITIES.strip().splitlines():
        head, _, rest = line.partition(":")
        code = head.strip()
        # "CN: a; b; HK@CN: c" — a line may switch to a territory with "XX@YY:".
        segments = re.split(r";\s*(?=[A-Z]{2}@[A-Z]{2}:)", rest)
        current_state, current_terr = code, None
        if "@" in code:
            current_terr, current_state = code.split("@")
        for segment in segments:
            seg = segment.strip()
            m = re.match(r"([A-Z]{2})@([A-Z]{2}):\s*(.*)", seg)
            if m:
                current_terr, current_state, seg = m.group(1), m.group(2), m.group(3)
            for item in split_list(seg):
                secondary = item.endswith("~")
                name = item.rstrip("~").strip()
                state, terr = current_state, current_terr
                if "@" in name:  # "Dakhla@MA": administered by MA, territory per ISO (EH)
                    name, state = name.split("@")
                    terr = "EH"
                add(name, state, False, terr, secondary)
    unused = set(aliases) - {r["name"] for r in records}
    assert not unused, f"CITY_ALIASES for unknown cities: {sorted(unused)}"
    records.sort(key=lambda r: (fold(r["name"]), r["_order"]))
    for r in records:
        del r["_order"]
    return records


def build_institutions(data: Path, countries: dict[str, dict]) -> dict:
    sigles: dict[str, list[str]] = defaultdict(list)
    with (data / "gaz-sigles-fr" / "sigles.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            definition = r["definition"].strip().rstrip(".")
            sigles[r["term"].strip()].append(fold(definition))
            # "Union internationale des télécommunications (Voir : organismes de normalisation)"
            sigles[r["term"].strip()].append(fold(re.sub(r"\s*\([^)]*\)$", "", definition)))

    out = []
    for row in rows(INSTITUTIONS):
        canonical, kind, scope, country, acronyms, aliases, others, flags = row
        canonical = norm(canonical)
        rec = {
            "canonical": canonical,
            "kind": KINDS[kind],
            "scope": SCOPES[scope],
            "country": country or None,
            "countries": [x.strip() for x in others.split(",") if x.strip()],
            "acronyms": [x.strip() for x in acronyms.split(",") if x.strip()],
            "aliases": uniq(split_list(aliases), exclude=(canonical,)),
            "generic_canonical": "g" in flags,
        }
        for code in [rec["country"], *rec["countries"]]:
            assert code is None or code in countries, (canonical, code)
        assert not (rec["country"] and rec["countries"]), canonical
        for acr in rec["acronyms"]:
            assert sum(c.isupper() for c in acr) >= 2, (canonical, acr)
        names = {fold(x) for x in [canonical, *rec["aliases"]]}
        attested = sorted(
            acr
            for acr in rec["acronyms"]
            if any(
                d in names or any(f"({n})" in d or d.endswith(" " + n) for n in names)
                for d in sigles.get(acr, [])
            )
        )
        rec["attested_in_sigles"] = attested
        if "s" in flags:
            assert attested, f"{canonical}: no matching expansion in gaz-sigles-fr"
        out.append(rec)

    preferred = {}
    by_acr: dict[str, list[str]] = defaultdict(list)
    for rec in out:
        for acr in rec["acronyms"]:
            by_acr[acr].append(rec["canonical"])
    for acr, names in sorted(by_acr.items()):
        if len(names) > 1:
            choice = INSTITUTION_PREFERRED.get(acr, names[0])
            assert choice in names, (acr, choice)
            preferred[acr] = choice
    return {"institutions": out, "preferred": preferred}


# =============================================================================================
# Cross-checks (--report): log only, nothing written
# =============================================================================================
def report(data: Path, countries: dict, demonyms: dict, institutions: dict) -> None:
    prolex = data / "gaz-prolex-fr" / "Prolex-PaysCapitales.dic"
    if prolex.exists():
        theirs: dict[str, set[str]] = defaultdict(set)
        pat = re.compile(r"(.*?),(.*?)\.A\+Toponyme\+Pays\+Iso([A-Z]{2})")
        for line in prolex.read_text("utf-8").splitlines():
            m = pat.match(line)
            if m:
                theirs[m.group(3)].add(m.group(1))
        for code, lemmas in sorted(demonyms["countries"].items()):
            ours = {x for e in lemmas for x in e["adj"]}
            if code in theirs and not ours & theirs[code]:
                log.warning("demonyms %s: ours %s, Prolex %s", code, sorted(ours), theirs[code])
            elif code in theirs and theirs[code] - ours:
                log.info("demonyms %s: Prolex also has %s", code, sorted(theirs[code] - ours))
    for rec in institutions["institutions"]:
        missing = sorted(set(rec["acronyms"]) - set(rec["attested_in_sigles"]))
        if missing:
            log.info("not attested in sigles: %s (%s)", ", ".join(missing), rec["canonical"])
    log.info("states: %d", sum(r["status"] == "state" for r in countries.values()))


# =============================================================================================
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--report", action="store_true", help="log cross-checks")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose or args.report else logging.WARNING,
        format="%(levelname)s %(message)s",
    )
    if not (args.data / "gaz-cldr-fr").is_dir():
        log.error("source data not found in %s", args.data)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)

    countries = build_countries(args.data)
    demonyms = build_demonyms(args.data, countries)
    regions = build_regions()
    cities = build_cities(countries)
    institutions = build_institutions(args.data, countries)

    write_json(args.out / "countries.json", countries)
    write_json(args.out / "demonyms.json", demonyms)
    write_json(args.out / "regions.json", regions)
    write_json(args.out / "cities.json", cities)
    write_json(args.out / "institutions.json", institutions)
    if args.report:
        report(args.data, countries, demonyms, institutions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
