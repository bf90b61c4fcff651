"""The timeline report: a static site with a page per metric, one series per source.

    index = build_site(store, topic.metrics, Path("report"), base_url=None)
    serve_site(Path("report"), port=8765)        # 127.0.0.1 only, until Ctrl-C
    metric_page_name("casualties.total")         # "casualties-total.html"
    metric_page_url("https://x.org/r/", "casualties.total")  # "https://x.org/r/casualties-total.html", for digests
"""
from figwatch.wording import metric_page_name, metric_page_url
from report.http_server import serve_site
from report.site import ReportStore, build_site

__all__ = ["ReportStore", "build_site", "metric_page_name", "metric_page_url", "serve_site"]
