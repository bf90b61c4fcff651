"""figwatch's claim extractor: text in, `Claim`s out, the topic as data.

    from extractors import extract, load_topic
    claims = extract(article_text, topic=load_topic(), title=article_title)
"""
from extractors.extract import Why, explain, extract
from extractors.topic import Topic, load_topic

__all__ = ["Topic", "Why", "explain", "extract", "load_topic"]
