"""An article in another language than the topic's is told apart, by the share of its words that
are the language file's function words (cases written in our own words)."""
from __future__ import annotations

import pytest

from extractors import load_topic

ENGLISH = ("North Korea has sent about 11,000 soldiers to the Kursk region of Russia, according to South "
           "Korea's spy agency, which told lawmakers on Wednesday that many of them had been killed or wounded "
           "in the first weeks of fighting and that more troops were being trained for a second wave.")
SPANISH = ("Corea del Norte ha enviado unos 11.000 soldados a la región rusa de Kursk, según el servicio de "
           "inteligencia surcoreano, que informó el miércoles a los legisladores de que muchos de ellos han "
           "muerto o resultado heridos en las primeras semanas de combate y de que se entrenan más tropas.")
GERMAN = ("Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes rund 11.000 Soldaten in die russische "
          "Region Kursk geschickt. Viele von ihnen seien in den ersten Wochen der Kämpfe getötet oder verwundet "
          "worden, sagten Abgeordnete am Mittwoch nach einer Unterrichtung durch den Dienst in Seoul heute.")


@pytest.fixture(scope="module")
def sign():
    return load_topic().grammar.identify


@pytest.mark.parametrize("text, reads", [(ENGLISH, True), (SPANISH, False), (GERMAN, False)],
                         ids=["english", "spanish", "german"])
def test_a_text_in_another_language_is_not_read(sign, text, reads):
    assert sign.reads(text) is reads


def test_a_text_too_short_to_tell_is_read(sign):
    assert sign.share("Nordkorea: 11.000 Soldaten in Kursk") is None
    assert sign.reads("Nordkorea: 11.000 Soldaten in Kursk")


def test_the_threshold_sits_well_between_the_languages(sign):
    english, others = sign.share(ENGLISH), [sign.share(SPANISH), sign.share(GERMAN)]
    assert english is not None and english >= 2 * sign.min_share
    assert all(s is not None and s <= sign.min_share / 2 for s in others)


def test_the_language_is_named_from_its_file(sign):
    assert sign.language == "English"
