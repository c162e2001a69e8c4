"""Search benchmark: 50,000 synthetic initiatives, two-word queries with two facets.

Target: p95 under 100 ms for /sok/?q=<two words>&type=initiative&status=...&sector=... on SQLite
and PostgreSQL, and similar() under 50 ms. Also measured: the same without facets, and the search
over all types (/sok/?q=<two words>), which has no facets.

Beside wall-clock times it prints this process's CPU time per request and, on PostgreSQL when the
server runs on this machine, the database backend's CPU time (read from /proc): on a loaded
machine the wall clock mostly measures waiting for a CPU.

    .venv/bin/python bench/search_bench.py              # both databases
    .venv/bin/python bench/search_bench.py --db sqlite  # one of them

The data lives in its own databases and is made once: /tmp/spira_bench_search.sqlite3 and the
PostgreSQL database spira_bench_search (DATABASE_URL of the server via SPIRA_BENCH_PG, default
postgres://postgres@127.0.0.1:5432). Texts are drawn from a vocabulary of real public-sector
words in Swedish and English, in inflected forms, with a Zipf-like skew, so that stemming and
common words weigh as in real data.
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

N_INITIATIVES = 50_000
N_QUERIES = int(os.environ.get("SPIRA_BENCH_QUERIES", "300"))
SQLITE_PATH = "/tmp/spira_bench_search.sqlite3"
PG_SERVER = os.environ.get("SPIRA_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "spira_bench_search"

SWEDISH = [
    "kommun",
    "kommunen",
    "kommuner",
    "kommunerna",
    "kommunens",
    "region",
    "regionen",
    "regioner",
    "myndighet",
    "myndigheten",
    "myndigheter",
    "äldreboende",
    "äldreboenden",
    "äldreomsorg",
    "äldreomsorgen",
    "hemtjänst",
    "hemtjänsten",
    "vård",
    "vården",
    "omsorg",
    "omsorgen",
    "skola",
    "skolan",
    "skolor",
    "skolorna",
    "elev",
    "elever",
    "eleverna",
    "lärare",
    "förskola",
    "förskolan",
    "digitalisering",
    "digitala",
    "digital",
    "tjänst",
    "tjänsten",
    "tjänster",
    "e-tjänster",
    "invånare",
    "invånarna",
    "medborgare",
    "medborgarna",
    "brukare",
    "brukarna",
    "patient",
    "patienter",
    "patienterna",
    "sjukhus",
    "sjukhuset",
    "vårdcentral",
    "vårdcentralen",
    "hälsa",
    "hälsan",
    "folkhälsa",
    "innovation",
    "innovationer",
    "innovationen",
    "utveckling",
    "utvecklingen",
    "samverkan",
    "samarbete",
    "samarbetet",
    "samhälle",
    "samhället",
    "hållbar",
    "hållbara",
    "hållbarhet",
    "klimat",
    "klimatet",
    "energi",
    "energin",
    "miljö",
    "miljön",
    "avfall",
    "återvinning",
    "transport",
    "transporter",
    "kollektivtrafik",
    "kollektivtrafiken",
    "cykel",
    "mobilitet",
    "bostad",
    "bostäder",
    "bostadsområde",
    "stadsdel",
    "stadsdelen",
    "landsbygd",
    "landsbygden",
    "glesbygd",
    "ungdomar",
    "ungdomarna",
    "barn",
    "barnen",
    "familj",
    "familjer",
    "föräldrar",
    "socialtjänst",
    "socialtjänsten",
    "ekonomiskt",
    "bistånd",
    "arbetsmarknad",
    "arbetslöshet",
    "nyanlända",
    "integration",
    "språk",
    "kultur",
    "kulturen",
    "bibliotek",
    "biblioteket",
    "idrott",
    "fritid",
    "föreningar",
    "civilsamhälle",
    "civilsamhället",
    "företag",
    "företagen",
    "näringsliv",
    "upphandling",
    "upphandlingen",
    "inköp",
    "budget",
    "finansiering",
    "projekt",
    "projektet",
    "piloter",
    "pilot",
    "test",
    "testbädd",
    "testbäddar",
    "försök",
    "metod",
    "metoder",
    "metoden",
    "modell",
    "modellen",
    "verktyg",
    "data",
    "öppna",
    "analys",
    "uppföljning",
    "utvärdering",
    "utvärderingen",
    "resultat",
    "resultaten",
    "effekter",
    "kvalitet",
    "trygghet",
    "tryggheten",
    "säkerhet",
    "välfärd",
    "välfärden",
    "medarbetare",
    "medarbetarna",
    "chefer",
    "ledning",
    "organisation",
    "organisationen",
    "arbetssätt",
    "arbetssättet",
    "process",
    "processer",
    "tjänstedesign",
    "behov",
    "behoven",
    "användare",
    "användarna",
    "delaktighet",
    "dialog",
    "medskapande",
    "jämställdhet",
    "tillgänglighet",
    "sensorer",
    "välfärdsteknik",
    "distansmöten",
    "vattenrening",
    "dricksvatten",
    "livsmedel",
    "måltider",
    "skolmåltider",
    "ensamhet",
    "psykisk",
    "ohälsa",
    "missbruk",
    "rehabilitering",
    "hjälpmedel",
    "läkemedel",
    "ambulans",
    "räddningstjänst",
    "brandskydd",
    "krisberedskap",
    "polis",
    "brott",
    "trafiksäkerhet",
    "vägar",
    "gator",
    "parker",
    "grönytor",
    "träd",
    "naturvård",
]

ENGLISH = [
    "municipality",
    "municipalities",
    "municipal",
    "region",
    "regions",
    "regional",
    "agency",
    "agencies",
    "government",
    "public",
    "sector",
    "elderly",
    "care",
    "home",
    "homes",
    "nursing",
    "residents",
    "citizens",
    "patients",
    "hospital",
    "hospitals",
    "clinic",
    "health",
    "healthcare",
    "wellbeing",
    "school",
    "schools",
    "pupils",
    "students",
    "teachers",
    "preschool",
    "education",
    "learning",
    "digital",
    "digitalisation",
    "digitization",
    "service",
    "services",
    "platform",
    "platforms",
    "innovation",
    "innovations",
    "innovative",
    "development",
    "developing",
    "collaboration",
    "cooperation",
    "partnership",
    "partnerships",
    "community",
    "communities",
    "society",
    "sustainable",
    "sustainability",
    "climate",
    "energy",
    "environment",
    "environmental",
    "waste",
    "recycling",
    "transport",
    "transportation",
    "mobility",
    "cycling",
    "housing",
    "neighbourhood",
    "rural",
    "urban",
    "city",
    "cities",
    "youth",
    "young",
    "people",
    "children",
    "families",
    "parents",
    "social",
    "welfare",
    "employment",
    "unemployment",
    "newcomers",
    "integration",
    "language",
    "culture",
    "library",
    "libraries",
    "sport",
    "leisure",
    "associations",
    "civil",
    "companies",
    "business",
    "procurement",
    "purchasing",
    "budget",
    "funding",
    "financing",
    "project",
    "projects",
    "pilot",
    "pilots",
    "testing",
    "testbed",
    "experiment",
    "experiments",
    "method",
    "methods",
    "model",
    "models",
    "tool",
    "tools",
    "data",
    "open",
    "analysis",
    "monitoring",
    "evaluation",
    "evaluations",
    "results",
    "outcomes",
    "impact",
    "impacts",
    "quality",
    "safety",
    "security",
    "staff",
    "employees",
    "managers",
    "leadership",
    "organisation",
    "organisations",
    "process",
    "processes",
    "design",
    "needs",
    "users",
    "participation",
    "dialogue",
    "co-creation",
    "gender",
    "equality",
    "accessibility",
    "sensors",
    "technology",
    "remote",
    "meetings",
    "water",
    "drinking",
    "food",
    "meals",
    "loneliness",
    "mental",
    "illness",
    "addiction",
    "rehabilitation",
    "assistive",
    "medicines",
    "ambulance",
    "rescue",
    "fire",
    "preparedness",
    "police",
    "crime",
    "traffic",
    "roads",
    "streets",
    "parks",
    "green",
    "trees",
    "nature",
    "conservation",
]

STATUSES = ["planned", "ongoing", "completed", "discontinued"]
SECTORS = [
    "general_public_services", "public_order_safety", "economic_affairs", "environmental_protection",
    "housing_community", "health", "recreation_culture", "education", "social_protection",
    "transport", "science_technology", "other",
]  # fmt: skip
STAGES = [
    "identifying_problems", "generating_ideas", "developing_proposals", "implementation",
    "evaluation", "diffusing_lessons",
]  # fmt: skip
CALLS = [
    f"Utlysning {name}"
    for name in (
        "Innovation i offentlig sektor",
        "Smarta städer",
        "Hälsa 2030",
        "Klimatneutrala kommuner",
        "Digital välfärd",
        "Mobilitet för alla",
        "Hållbar industri",
        "Samhällsutmaningar",
    )
]


def zipf_sampler(words: list[str], rng: random.Random):
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(words))]
    order = words[:]
    rng.shuffle(order)

    def sample(k: int) -> list[str]:
        return rng.choices(order, weights=weights, k=k)

    return sample


def sentence(sample, rng, low, high) -> str:
    words = sample(rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(sample, rng, sentences) -> str:
    return " ".join(sentence(sample, rng, 8, 16) for _ in range(sentences))


def generate(n: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from spira.initiatives.models import Initiative, Stage
    from spira.organisations.models import County, Organisation, Sdg
    from spira.search import index

    rng = random.Random(20240601)
    sv, en = zipf_sampler(SWEDISH, rng), zipf_sampler(ENGLISH, rng)
    with transaction.atomic():
        counties = [
            County.objects.get_or_create(code=f"{c:02d}", defaults={"name": f"Län {c:02d}"})[0]
            for c in range(1, 22)
        ]
        kinds = ["municipality"] * 6 + ["region", "agency", "company", "academia", "civil_society"]
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    kind=rng.choice(kinds), name=f"Organisation {i}", slug=f"bench-org-{i}",
                    county=rng.choice(counties), search_name=f"organisation {i}",
                )
                for i in range(2_000)
            ]
        )  # fmt: skip
        funders = Organisation.objects.bulk_create(
            [
                Organisation(
                    kind="agency",
                    name=f"Finansiär {i}",
                    slug=f"bench-funder-{i}",
                    search_name=f"finansiär {i}",
                )
                for i in range(12)
            ]
        )
        stages = [
            Stage.objects.get_or_create(code=code, defaults={"order": i})[0] for i, code in enumerate(STAGES)
        ]
        sdgs = [
            Sdg.objects.get_or_create(
                number=i, defaults={"name_sv": f"Mål {i}", "name_en": f"Goal {i}", "color": "#000000"}
            )[0]
            for i in range(1, 18)
        ]
    # Skewed: a few organisations coordinate many initiatives.
    org_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(organisations))]
    now = timezone.now()
    stage_through = Initiative.stages.through
    sdg_through = Initiative.sdgs.through
    batch_size = 2_000
    started = time.perf_counter()
    with index.bulk_indexing():
        for start in range(0, n, batch_size):
            batch = []
            for i in range(start, min(n, start + batch_size)):
                language = rng.choices(["sv", "en", "both"], weights=[60, 25, 15])[0]
                texts = {}
                for lang, sample in (("sv", sv), ("en", en)):
                    if language in (lang, "both"):
                        texts[f"title_{lang}"] = sentence(sample, rng, 4, 9)[:-1]
                        texts[f"summary_{lang}"] = paragraph(sample, rng, 2)[:480]
                        texts[f"overview_{lang}"] = paragraph(sample, rng, 8)
                        texts[f"results_{lang}"] = paragraph(sample, rng, 4)
                        texts[f"lessons_{lang}"] = paragraph(sample, rng, 3)
                start_month = datetime.date(rng.randint(2008, 2025), rng.randint(1, 12), 1)
                batch.append(
                    Initiative(
                        slug=f"bench-{i}",
                        original_language="en" if language == "en" else "sv",
                        status=rng.choice(STATUSES),
                        sector=rng.choice(SECTORS),
                        coordinator=rng.choices(organisations, weights=org_weights)[0],
                        funder=rng.choice(funders) if rng.random() < 0.7 else None,
                        call=rng.choice(CALLS) if rng.random() < 0.6 else "",
                        start_month=start_month,
                        state="published" if rng.random() < 0.92 else "draft",
                        published_at=now - datetime.timedelta(days=rng.randint(0, 3000)),
                        **texts,
                    )
                )
            created = Initiative.objects.bulk_create(batch)
            stage_through.objects.bulk_create(
                [
                    stage_through(initiative_id=o.pk, stage_id=s.pk)
                    for o in created
                    for s in rng.sample(stages, rng.randint(1, 3))
                ]
            )
            sdg_through.objects.bulk_create(
                [
                    sdg_through(initiative_id=o.pk, sdg_id=s.pk)
                    for o in created
                    for s in rng.sample(sdgs, rng.randint(0, 3))
                ]
            )
            index.queue(Initiative, [o.pk for o in created])
            print(
                f"  {start + len(batch):>6} initiatives made ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
        print("  indexing ...", flush=True)
    print(f"  made and indexed in {time.perf_counter() - started:.0f} s", flush=True)
    _analyze(connection)


def _analyze(connection) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


def backend_cpu(connection) -> float | None:
    """CPU seconds used so far by the PostgreSQL backend of `connection`, if it runs here."""
    if connection.vendor != "postgresql" or connection.connection is None:
        return None
    pid = connection.connection.info.backend_pid
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report(
    name: str, times: list[float], cpu: list[float] | None = None, db_cpu: list[float] | None = None
) -> None:
    ms = [t * 1000 for t in times]
    line = (
        f"  {name:<44} n={len(ms):<4} p50 {percentile(ms, 50):6.1f} ms   p95 {percentile(ms, 95):6.1f} ms"
        f"   p99 {percentile(ms, 99):6.1f} ms   mean {statistics.mean(ms):6.1f} ms"
    )
    if cpu:
        # This process's CPU time: on a loaded machine the wall clock also counts waiting for a
        # CPU. For SQLite it includes the database's work; for PostgreSQL it does not.
        cpu_ms = [t * 1000 for t in cpu]
        line += f"   (this process's CPU: p50 {percentile(cpu_ms, 50):6.1f} ms, p95 {percentile(cpu_ms, 95):6.1f} ms)"
    if db_cpu:
        # Clock ticks of 10 ms: only the mean is meaningful per request.
        line += f"   (database CPU: mean {statistics.mean(db_cpu) * 1000:6.1f} ms)"
    print(line, flush=True)
    print(f"    load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)


def run_one(db: str) -> None:
    if db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]).fetchone()
            if not exists:
                conn.execute(f"CREATE DATABASE {PG_NAME}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spira.settings")
    # Plain static files storage: the benchmark needs no collectstatic manifest.
    os.environ.setdefault("SPIRA_TESTING", "1")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from spira.initiatives.models import Initiative
    from spira.search import services

    print(f"\n== {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
    call_command("migrate", verbosity=0)
    count = Initiative.objects.count()
    if count < N_INITIATIVES:
        print(f"  making {N_INITIATIVES - count} initiatives", flush=True)
        generate(N_INITIATIVES - count)
    from spira.search import index
    from spira.search.models import SearchDocument

    if SearchDocument.objects.count() < Initiative.objects.count():
        print("  indexing", flush=True)
        started = time.perf_counter()
        index.reindex(Initiative)
        print(f"  indexed in {time.perf_counter() - started:.0f} s", flush=True)
        _analyze(connection)
    published = Initiative.objects.published().count()
    print(f"  {Initiative.objects.count()} initiatives, {published} published", flush=True)

    rng = random.Random(7)
    # Varied terms: any word of either language, inflected forms included.
    vocabulary = SWEDISH + ENGLISH
    queries = []
    for _ in range(N_QUERIES):
        words = rng.sample(SWEDISH if rng.random() < 0.6 else ENGLISH, 2)
        queries.append(
            {
                "q": " ".join(words),
                "type": "initiative",
                "status": rng.choice(STATUSES),
                "sector": rng.choice(SECTORS),
            }
        )
    client = Client()
    for query in queries[:20]:
        client.get("/sok/", query)

    cpu_times: list[float] = []
    db_times: list[float] = []

    def timed(fn, items):
        times, hits = [], []
        cpu_times.clear()
        db_times.clear()
        for item in items:
            db_started = backend_cpu(connection)
            started, cpu_started = time.perf_counter(), time.process_time()
            result = fn(item)
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
            db_ended = backend_cpu(connection)
            if db_started is not None and db_ended is not None:
                db_times.append(db_ended - db_started)
            hits.append(result)
        return times, hits

    def page(query):
        response = client.get("/sok/", query)
        assert response.status_code == 200, response.status_code
        return response

    def htmx(query):
        response = client.get("/sok/", query, headers={"HX-Request": "true"})
        assert response.status_code == 200, response.status_code
        return response

    def service(query):
        params = {k: [v] for k, v in query.items() if k not in {"q", "type"}}
        return services.search(query["q"], type_name="initiative", params=params).total

    def service_nofacet(query):
        return services.search(query["q"], type_name="initiative").total

    times, _ = timed(page, queries)
    report("/sok/ page, 2 words + 2 facets", times, cpu_times, db_times)
    times, _ = timed(htmx, queries)
    report("/sok/ HTMX partial, 2 words + 2 facets", times, cpu_times, db_times)
    times, totals = timed(service, queries)
    report("search() service, 2 words + 2 facets", times, cpu_times, db_times)
    print(f"    hits per query: median {statistics.median(totals):.0f}, max {max(totals)}", flush=True)
    unfaceted = [{"q": query["q"], "type": "initiative"} for query in queries]
    times, _ = timed(page, unfaceted)
    report("/sok/ page, 2 words, no facet", times, cpu_times, db_times)
    times, totals = timed(service_nofacet, queries)
    report("search() service, 2 words, no facet", times, cpu_times, db_times)
    print(f"    hits per query: median {statistics.median(totals):.0f}, max {max(totals)}", flush=True)
    all_types = [{"q": query["q"]} for query in queries]
    times, _ = timed(page, all_types)
    report("/sok/ page, all types, 2 words", times, cpu_times, db_times)
    one_word = [{"q": rng.choice(vocabulary)} for _ in range(200)]
    times, _ = timed(lambda q: services.search(q["q"], type_name="initiative").total, one_word)
    report("search() service, 1 word, no facet", times, cpu_times, db_times)

    ids = list(Initiative.objects.published().values_list("pk", flat=True)[:: max(1, published // 200)][:200])
    objects = list(Initiative.objects.filter(pk__in=ids))
    times, found = timed(lambda obj: services.similar(obj), objects)
    report("similar(), 5 from other coordinators", times, cpu_times, db_times)
    print(f"    similar found: median {statistics.median(len(f) for f in found):.0f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    if args.db == "both":
        for db in ("sqlite", "postgresql"):
            subprocess.run([sys.executable, __file__, "--db", db], check=True)
    else:
        run_one(args.db)


if __name__ == "__main__":
    main()
