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
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from kb.models import (
    Benefit,
    CaseStudy,
    Challenge,
    Industry,
    KeyFact,
    Organization,
    Platform,
    QuestionAnswer,
    TaggedCaseStudy,
)

SLUG_PREFIX = "bench-"
CASE_STUDIES_PER_ORGANIZATION = 20
BATCH = 1000


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


def zipf_weights(count, exponent=1.0):
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


class TextMaker:
    """Prose-like text from a Zipf mix of function words, domain words and rare words."""

    def __init__(self, rng, rare_words):
        self.rng = rng
        mix = ((FUNCTION_WORDS, 0.45), (DOMAIN_WORDS, 0.45), (rare_words, 0.10))
        self.words, weights = [], []
        for words, share in mix:
            raw = zipf_weights(len(words))
            total = sum(raw)
            self.words += words
            weights += [share * w / total for w in raw]
        self.cumulative = list(itertools.accumulate(weights))

    def words_like(self, count):
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentences(self, words, end="."):
        drawn = self.words_like(max(words, 3))
        sentences, start = [], 0
        while start < len(drawn):
            length = self.rng.randint(8, 18)
            chunk = drawn[start : start + length]
            sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + end)
            start += length
        return " ".join(sentences)


def invented_words(rng, count):
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
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
        self.text = TextMaker(rng, rare_words)
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
        names = invented_words(random.Random(self.rng.random()), case_studies)
        count = max(1, case_studies // CASE_STUDIES_PER_ORGANIZATION)
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
        parts = {QuestionAnswer: [], Benefit: [], Challenge: [], KeyFact: []}
        links = {CaseStudy.industries.through: [], CaseStudy.platforms.through: []}
        tagged = []
        for case_study in case_studies:
            self.add_parts(case_study, parts)
            for industry in self.pick(self.industries, 1, 3):
                links[CaseStudy.industries.through].append(
                    CaseStudy.industries.through(casestudy=case_study, industry=industry)
                )
            for platform in self.pick(self.platforms, 1, 3):
                links[CaseStudy.platforms.through].append(
                    CaseStudy.platforms.through(casestudy=case_study, platform=platform)
                )
            tagged += [
                TaggedCaseStudy(content_object=case_study, tag=tag)
                for tag in self.pick(self.tags, 5, 5)
            ]
        for model, objects in [*parts.items(), *links.items(), (TaggedCaseStudy, tagged)]:
            model.objects.bulk_create(objects, batch_size=2000)

    def add_parts(self, case_study, parts):
        for position in range(1, 9):
            parts[QuestionAnswer].append(
                QuestionAnswer(
                    case_study=case_study,
                    position=position,
                    question=self.text.sentences(12, end="?"),
                    answer=self.text.sentences(self.rng.randint(90, 150)),
                )
            )
        for position in range(1, 4):
            parts[Benefit].append(
                Benefit(
                    case_study=case_study,
                    position=position,
                    statement=self.text.sentences(8)[:255],
                    detail=self.text.sentences(20),
                )
            )
        for position in range(1, 3):
            parts[Challenge].append(
                Challenge(
                    case_study=case_study,
                    position=position,
                    problem=self.text.sentences(25),
                    solution=self.text.sentences(30),
                )
            )
        for position, label in enumerate(("Vehicles", "Engineers", "Years in production"), 1):
            parts[KeyFact].append(
                KeyFact(
                    case_study=case_study,
                    position=position,
                    label=label,
                    value=str(self.rng.randint(2, 500_000)),
                )
            )
