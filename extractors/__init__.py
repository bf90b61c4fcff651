"""figwatch's claim extractor: text in, `Claim`s out, the topic as data.

    from extractors import extract, load_topic
    claims = extract(article_text, topic=load_topic(), title=article_title)
"""
from extractors.extract import extract
from extractors.topic import Topic, load_topic

__all__ = ["Topic", "extract", "load_topic"]
