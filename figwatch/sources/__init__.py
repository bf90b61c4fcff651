"""Sources: feeds over HTTP and files on disk, read into Articles.

    read_path_source(source, now=...)                  files, folders, feed files
    fetch_source(source, client, settings, state=..., now=..., deadline=...)   one live feed
    harvest(sources, settings, state=..., now=...)     all of them, politely, within a budget
    canonical_url(url, html=None), near_duplicates(articles, known=...)
"""
from figwatch.sources.article_files import ArticleMeta, read_article_file, read_path_source
from figwatch.sources.canonical import canonical_url
from figwatch.sources.copies import Duplicate, near_duplicates
from figwatch.sources.fetch import HostGate, make_client
from figwatch.sources.fingerprint import content_hash, simhash
from figwatch.sources.harvest import harvest
from figwatch.sources.live import fetch_source

__all__ = [
    "ArticleMeta", "Duplicate", "HostGate", "canonical_url", "content_hash", "fetch_source", "harvest",
    "make_client", "near_duplicates", "read_article_file", "read_path_source", "simhash",
]
