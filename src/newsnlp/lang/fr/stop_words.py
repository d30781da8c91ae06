"""French stop words for news text, as a small data module.

Source: written for newsnlp by its developers (our own list, MIT licence like the rest of the
package), from French grammar (closed word classes and the conjugated forms of *être*, *avoir* and
the modal and light verbs) and from the most frequent words of French wire copy that say nothing
about a story's subject ("selon", "après", "ans", "a déclaré", weekdays, number words).

Words are written in their usual spelling, with accents; :mod:`newsnlp.related` folds them
when it folds accents. Hyphenated and elided forms are listed by their parts, as the tokenizer
sees them: "peut-être" is "peut" + "être", "aujourd’hui" is "aujourd" + "hui". The one-letter
words listed ("a", "à", "y") matter only with a minimum token length of 1; elided clitics
(l’, d’, qu’ …) are removed by the tokenizer itself.

Deliberately *not* stop words, because they carry the subject in news: "premier" (premier
ministre), "grand"/"grande" (Grande-Bretagne), "côté" (it folds to "cote": Côte d’Ivoire), "pays",
"gouvernement", "président", months (they tie stories of the same period together), "millions",
"euros".
"""

from __future__ import annotations

__all__ = ["STOP_WORDS"]

_WORDS = """
a à y
le la les un une des du de au aux ce cet cette ces ça ceci cela celui celle ceux celles ci
mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs
quel quelle quels quelles lequel laquelle lesquels lesquelles duquel desquels desquelles
auquel auxquels auxquelles chaque plusieurs certain certaine certains certaines aucun aucune
tout toute tous toutes autre autres autrui même mêmes tel telle tels telles quelque quelques
divers diverses différents différentes nul nulle maint
je me moi tu te toi il elle on nous vous ils elles lui eux se soi en qui que quoi dont où
qu jusqu lorsqu puisqu quoiqu quelqu aujourd hui
à après avant avec chez contre dans depuis derrière devant durant entre envers hors jusque
malgré outre par parmi pendant pour sans selon sous suivant sur vers via voici voilà près dès
lors auprès autour afin face grâce hormis concernant parce quant étant donné
et ou mais donc or ni car quand comme si lorsque puisque quoique tandis alors ainsi cependant
pourtant toutefois néanmoins sinon soit
ne pas plus moins très trop peu beaucoup bien mal aussi encore déjà toujours jamais souvent
parfois ici là comment pourquoi combien tant autant non oui ensuite puis enfin désormais
notamment surtout seulement également environ presque vraiment assez tard tôt longtemps hier
demain maintenant actuellement ailleurs plutôt tellement quasiment davantage vite certes fois
particulièrement récemment finalement simplement notamment probablement totalement
dessus dessous dedans dehors partout aucunement guère point rien personne quiconque chacun
chacune quelqu un
être suis es est sommes êtes sont étais était étions étiez étaient fus fut fûmes furent sera
seras serons serez seront serai serais serait serions seriez seraient sois soyons soyez soient
fusse fût été
avoir ai as avons avez ont avais avait avions aviez avaient eu eue eus eues eut eûmes eurent
aura auras aurons aurez auront aurai aurais aurait aurions auriez auraient aie aies ait ayons
ayez aient ayant
faire fais fait faits faite faites faisons font faisait faisaient faisant fera feront ferait
feraient fasse
pouvoir peux peut pouvons pouvez peuvent pouvait pouvaient pourra pourront pourrait
pourraient pu puisse puissent
devoir dois doit devons devez doivent devait devaient devra devront devrait devraient dû due
dus dues
vouloir veux veut voulons voulez veulent voulait voulaient voudra voudrait voudraient voulu
aller vais vas va allons allez vont allait allaient ira iront irait allé allée allés allées
dire dis dit dite dits dites disons disent disait disaient dira dirait
venir viens vient venons venez viennent venait venaient venu venue venus venues viendra
falloir faut fallait faudra faudrait fallu
savoir sais sait savons savez savent savait su
voir vois voit voient voyait vu vue vus vues verra
mettre met mettent mis mise
prendre prend prennent pris prise
donner donne donnent donné
sembler semble semblent semblait
rester reste restent restait resté
passer passe passé
trouver trouve trouvé
permettre permet permettent permis
déclarer déclare déclaré déclarée
affirmer affirme affirmé affirmée
indiquer indique indiqué indiquée
expliquer explique expliqué expliquée
préciser précise précisé précisée
ajouter ajoute ajouté ajoutée
souligner souligne souligné soulignée
estimer estime estimé estimée
assurer assure assuré assurée
rappeler rappelle rappelé rappelée
annoncer annonce annoncé annoncée
confier confie confié
raconter raconte raconté
lundi mardi mercredi jeudi vendredi samedi dimanche
an ans année années jour jours mois semaine semaines heure heures minute minutes
matin soir nuit veille lendemain moment temps début fin cours part partie cas façon manière
chose choses sorte
deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente quarante
cinquante soixante cent cents mille
m mm mme mmes mlle monsieur madame
etc cf via
nouveau nouvel nouvelle nouveaux nouvelles
dernier dernière derniers dernières prochain prochaine
"""

#: French stop words (~600 entries, with accents; single tokens as the tokenizer produces them).
STOP_WORDS: frozenset[str] = frozenset(_WORDS.split())
