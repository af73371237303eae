"""A synthetic knowledge base for benchmarks: `manage.py generate_bench_data --case-studies N`.

Deterministic (same seed, same data) and of realistic shape: per case study about 8 questions
and answers of ~120 words, 3 benefits, 2 challenges, 3 key facts, 5 tags, 1-3 industries and
platforms; text drawn from a Zipf-distributed mix of English function words, the domain's words
and a long tail of rare words, so term frequencies look like real prose. Organizations have
invented names, each used by about 20 case studies: a name is a "rare" search term.

Use an empty database: e.g. DATABASE_URL=sqlite:///var/bench-10k.sqlite3.
"""

import datetime
import itertools
import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from kb.domain.models import CaseStudy
from kb.domain.parts import WRITTEN_PARTS
from kb.domain.taxonomy import Industry, Organization, Platform, TaggedCaseStudy

SLUG_PREFIX = "bench-"
CASE_STUDIES_PER_ORGANIZATION = 20
BATCH = 1000
STREAM_WORDS = 3_000_000
WORDS_PER_SENTENCE = 13  # the average of 8 to 18


def word_list(text):
    return text.split()


FUNCTION_WORDS = word_list(
    """
    the of and to a in is that for it as was with be by on not he this are or his from at which
    but have an they you were her she there been one all we their has would when if so no will
    more can out up about who them some into time only could new our than then these two may
    first any like now my such made over did most after also where much very through back just
    well should because each those how use because many before must under while
"""
)
DOMAIN_WORDS = word_list(
    """
    hypervisor virtualization system safety software hardware partition guest linux android
    real-time kernel driver drivers automotive vehicle cluster infotainment display gpu sharing
    memory cpu core cores certification asil iso 26262 latency boot performance security
    isolation container containers cloud edge embedded controller controllers ecu ecus domain
    consolidation platform platforms arm x86 risc-v soc chip board network ethernet can bus
    sensor sensors camera cameras lidar radar autonomous driving cockpit instrument head unit
    telematics update updates ota firmware bootloader trusted secure mixed criticality
    scheduling scheduler interrupt interrupts timing deterministic rtos zephyr qnx xen kvm acrn
    jailhouse bao l4re sel4 microkernel paravirtualized passthrough virtio device devices
    emulation emulated console graphics audio video medical avionics aircraft railway train
    industrial factory robot robots plc automation energy grid telecom 5g defense satellite
    space mission critical reliability availability redundancy failover monitoring diagnostics
    logging tracing debugging testing validation verification requirements architecture design
    integration supplier suppliers oem tier customer customers team engineers project product
    products cost costs weight power consumption thermal footprint hmi user interface
    application applications services middleware hal bsp yocto debian ubuntu open source
    community upstream license maintenance lifecycle long-term support partner partners
    prototype production deployment fleet vehicles cars trucks buses
"""
)
INDUSTRIES = (
    "Automotive",
    "Avionics",
    "Railway",
    "Industrial automation",
    "Medical devices",
    "Energy",
    "Telecommunications",
    "Defense",
    "Space",
    "Robotics",
    "Consumer electronics",
    "Maritime",
)
PLATFORMS = (
    ("Xen", "hypervisor"),
    ("KVM", "hypervisor"),
    ("ACRN", "hypervisor"),
    ("Jailhouse", "hypervisor"),
    ("Bao", "hypervisor"),
    ("seL4", "hypervisor"),
    ("QNX Hypervisor", "hypervisor"),
    ("PikeOS", "hypervisor"),
    ("L4Re", "hypervisor"),
    ("Arm Cortex-A", "cpu"),
    ("Arm Cortex-R", "cpu"),
    ("x86-64", "cpu"),
    ("RISC-V", "cpu"),
    ("NXP i.MX 8", "hardware"),
    ("Renesas R-Car", "hardware"),
    ("Qualcomm Snapdragon", "hardware"),
    ("NVIDIA Orin", "hardware"),
    ("TI Jacinto", "hardware"),
    ("Xilinx Zynq", "hardware"),
    ("Linux", "os"),
    ("Android Automotive", "os"),
    ("Zephyr", "os"),
    ("FreeRTOS", "os"),
    ("AUTOSAR", "os"),
    ("Yocto", "os"),
    ("Debian", "os"),
    ("QNX Neutrino", "os"),
    ("GPU sharing", "capability"),
    ("Real-time", "capability"),
    ("Secure boot", "capability"),
    ("OTA updates", "capability"),
    ("Virtio", "capability"),
    ("Safety certification", "capability"),
)
TAGS = (
    "infotainment",
    "instrument cluster",
    "gpu sharing",
    "safety",
    "asil-b",
    "asil-d",
    "consolidation",
    "mixed criticality",
    "real-time",
    "security",
    "ota",
    "boot time",
    "cost reduction",
    "open source",
    "certification",
    "virtio",
    "containers",
    "edge computing",
    "telematics",
    "adas",
    "digital cockpit",
    "hmi",
    "legacy software",
    "multicore",
    "determinism",
    "latency",
    "isolation",
    "cloud native",
    "5g",
    "robotics",
    "medical",
    "avionics",
    "railway signalling",
    "plc",
    "energy management",
    "predictive maintenance",
)
SYLLABLES = word_list(
    """
    ka ro mi te lu na vo se di pa ren tor vex quin zar lo bri cha mon del fi gra hu ix jo kel
    mar nor ost pim qua rus sil tam ul ven wix yel zo an ber cor dun el fen gor hal
"""
)
ORGANIZATION_SUFFIXES = ("Systems", "Automotive", "Technologies", "Labs", "Industries", "GmbH")
VERBS = ("consolidates", "virtualizes", "secures", "certifies", "modernizes", "accelerates")


# Invented organization names are built from syllables that never occur in the text, so a
# name is a rare search term (about 20 case studies) and no prefix of a common word.
ORGANIZATION_SYLLABLES = word_list("zub xor kyr vash drel qom thyx wulf brak glim frob snar")


def ranked_vocabulary(rare_words):
    """Words in order of frequency: the commonest function words, then the domain's words
    among the other function words, then the long tail of rare words."""
    common, rest = FUNCTION_WORDS[:20], FUNCTION_WORDS[20:]
    mixed = [word for pair in itertools.zip_longest(DOMAIN_WORDS, rest) for word in pair if word]
    return common + mixed + rare_words


class TextMaker:
    """Prose-like text: words drawn with Zipf-Mandelbrot frequencies, 1 / (rank + 2.7).

    Drawing words one by one for 100,000 case studies takes long, so a stream of sentences is
    drawn once and each text is a run of consecutive sentences from a random place in it:
    every text is still a sample of the same word distribution.
    """

    def __init__(self, rng, rare_words, stream_words=STREAM_WORDS):
        self.rng = rng
        self.words = ranked_vocabulary(rare_words)
        weights = [1 / (rank + 2.7) for rank in range(1, len(self.words) + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.stream = self.sentence_stream(self.words_like(stream_words))

    def words_like(self, count):
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentence_stream(self, words):
        sentences, start = [], 0
        while start < len(words):
            length = self.rng.randint(8, 18)
            chunk = words[start : start + length]
            sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]))
            start += length
        return sentences

    def sentences(self, words, end="."):
        count = max(1, round(words / WORDS_PER_SENTENCE))
        start = self.rng.randrange(len(self.stream) - count)
        return " ".join(sentence + end for sentence in self.stream[start : start + count])


def invented_words(rng, count, syllables=SYLLABLES, length=3):
    """`count` distinct words of `length` syllables, sorted (so the same seed, the same words)."""
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(syllables) for _ in range(length)))
    return sorted(words)


class Command(BaseCommand):
    help = "Create a deterministic synthetic knowledge base for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--case-studies", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-index", action="store_true", help="Skip the search index.")

    def handle(self, *args, case_studies, seed, no_index, **options):
        if CaseStudy.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError("This database already has benchmark data: use an empty one.")
        started = time.monotonic()
        rng = random.Random(seed)
        rare_words = invented_words(rng, 20_000)
        self.text = TextMaker(rng, rare_words, min(STREAM_WORDS, 50_000 + case_studies * 300))
        self.rng = rng
        self.now = timezone.now()
        with transaction.atomic():
            self.create_labels(case_studies)
        for first in range(0, case_studies, BATCH):
            with transaction.atomic():
                self.create_case_studies(first, min(BATCH, case_studies - first))
            self.stdout.write(f"\r{min(first + BATCH, case_studies)}/{case_studies}", ending="")
            self.stdout.flush()
        self.stdout.write(f"\nCreated in {time.monotonic() - started:.0f} s.")
        if not no_index:
            call_command("rebuild_search_index", stdout=self.stdout)

    def create_labels(self, case_studies):
        self.industries = [
            Industry.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0]
            for n in INDUSTRIES
        ]
        self.platforms = [
            Platform.objects.get_or_create(slug=slugify(n), defaults={"name": n, "kind": k})[0]
            for n, k in PLATFORMS
        ]
        self.tags = [
            Tag.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0] for n in TAGS
        ]
        count = max(1, case_studies // CASE_STUDIES_PER_ORGANIZATION)
        names = invented_words(self.rng, count, ORGANIZATION_SYLLABLES, length=4)
        organizations = [
            Organization(
                name=f"{names[i].capitalize()} {ORGANIZATION_SUFFIXES[i % 6]}",
                slug=f"{names[i]}-{i}",
            )
            for i in range(count)
        ]
        self.organizations = Organization.objects.bulk_create(organizations, batch_size=500)

    def pick(self, things, low, high):
        return self.rng.sample(things, self.rng.randint(low, high))

    def new_case_study(self, number):
        organization = self.rng.choice(self.organizations)
        subject = " ".join(self.text.words_like(3))
        published = self.rng.random() < 0.95
        return CaseStudy(
            title=f"{organization.name} {self.rng.choice(VERBS)} {subject}"[:200],
            slug=f"{SLUG_PREFIX}{number}",
            organization=organization,
            summary=self.text.sentences(40)[:400],
            introduction=self.text.sentences(80),
            status=CaseStudy.Status.PUBLISHED if published else CaseStudy.Status.DRAFT,
            publish_at=self.now - datetime.timedelta(minutes=self.rng.randint(60, 4_000_000)),
        )

    def create_case_studies(self, first, count):
        case_studies = CaseStudy.objects.bulk_create(
            [self.new_case_study(first + i) for i in range(count)]
        )
        rows = {table: [] for table in ROW_COLUMNS}
        for case_study in case_studies:
            pk = case_study.pk
            self.add_parts(pk, rows)
            rows["industries"] += [(pk, i.pk) for i in self.pick(self.industries, 1, 3)]
            rows["platforms"] += [(pk, p.pk) for p in self.pick(self.platforms, 1, 3)]
            rows["tags"] += [(pk, t.pk) for t in self.pick(self.tags, 5, 5)]
        for table, (model, columns) in ROW_COLUMNS.items():
            insert_rows(model, columns, rows[table])

    def add_parts(self, pk, rows):
        sentences = self.text.sentences
        rows["qa_pairs"] += [
            (pk, n, sentences(12, end="?"), sentences(self.rng.randint(90, 150)))
            for n in range(1, 9)
        ]
        rows["benefits"] += [(pk, n, sentences(8)[:255], sentences(20)) for n in range(1, 4)]
        rows["challenges"] += [(pk, n, sentences(25), sentences(30)) for n in range(1, 3)]
        rows["key_facts"] += [
            (pk, n, label, str(self.rng.randint(2, 500_000)))
            for n, label in enumerate(("Vehicles", "Engineers", "Years in production"), 1)
        ]


# Parts and links are written with plain INSERTs: a few million rows at 100,000 case studies.
ROW_COLUMNS = {
    **{
        part.related_name: (part.model, ("case_study_id", "position", *part.text_fields))
        for part in WRITTEN_PARTS
    },
    "industries": (CaseStudy.industries.through, ("casestudy_id", "industry_id")),
    "platforms": (CaseStudy.platforms.through, ("casestudy_id", "platform_id")),
    "tags": (TaggedCaseStudy, ("content_object_id", "tag_id")),
}


def insert_rows(model, columns, rows):
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
