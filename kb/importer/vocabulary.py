"""What the importer can recognise: platforms, industries and tags.

A built-in list of common names, extended with the names already in the database. The parser
receives a `Vocabulary` and never queries the database itself.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

HYPERVISOR = "hypervisor"
HARDWARE = "hardware"
CPU = "cpu"
OS = "os"
CAPABILITY = "capability"


WORD_START = "(?<!\\w)"


@dataclass(frozen=True)
class KnownName:
    """A name to suggest and the patterns that find it in a text, at the start of a word.

    Finding the first mention checks the word start on each match: a pattern that begins with
    a look-behind is searched character by character, one that begins with a word is searched
    many times faster. Counting mentions uses the look-behind, which is faster when there are
    many matches.
    """

    name: str
    searching: re.Pattern
    counting: re.Pattern
    kind: str = ""

    def first_position(self, text):
        matches = self.searching.finditer(text)
        return next((m.start() for m in matches if starts_word(text, m.start())), None)

    def count(self, text):
        return len(self.counting.findall(text))


def starts_word(text, position):
    return position == 0 or not (text[position - 1].isalnum() or text[position - 1] == "_")


def term(name, pattern=None, kind="", case_sensitive=False):
    flags = 0 if case_sensitive else re.IGNORECASE
    pattern = (pattern or rf"{re.escape(name)}(?!\w)").removeprefix(WORD_START)
    at_word_start = re.compile(WORD_START + pattern, flags)
    return KnownName(name, re.compile(pattern, flags), at_word_start, kind)


BUILT_IN_PLATFORMS = [
    term("Xen", r"Xen(?![\w-])", HYPERVISOR, case_sensitive=True),
    term("KVM", r"(?<!\w)KVM(?!\w)", HYPERVISOR, case_sensitive=True),
    term("ACRN", r"(?<!\w)ACRN(?!\w)", HYPERVISOR, case_sensitive=True),
    term("Jailhouse", None, HYPERVISOR),
    term("PikeOS", None, HYPERVISOR),
    term("seL4", None, HYPERVISOR),
    term("Bao", r"(?<!\w)Bao hypervisor", HYPERVISOR),
    term("L4Re", None, HYPERVISOR),
    term("OKL4", None, HYPERVISOR),
    term("COQOS", None, HYPERVISOR),
    term("Hyper-V", None, HYPERVISOR),
    term("VMware ESXi", r"(?<!\w)(?:VMware\s+)?ESXi(?!\w)", HYPERVISOR),
    term("QEMU", r"(?<!\w)QEMU(?!\w)", HYPERVISOR),
    term("crosvm", None, HYPERVISOR),
    term("Firecracker", r"(?<!\w)Firecracker(?!\w)", HYPERVISOR, case_sensitive=True),
    term("INTEGRITY", r"(?<!\w)INTEGRITY(?:[- ]Multivisor)?(?!\w)", OS, case_sensitive=True),
    term("QNX", r"(?<!\w)QNX(?!\w)", OS, case_sensitive=True),
    term("Linux", r"(?<!\w)Linux(?!\w)", OS),
    term("Android", r"(?<!\w)Android(?!\w)", OS),
    term("AUTOSAR", r"(?<!\w)AUTOSAR(?!\w)", OS),
    term("Zephyr", r"(?<!\w)Zephyr(?!\w)", OS, case_sensitive=True),
    term("FreeRTOS", None, OS),
    term("VxWorks", None, OS),
    term("RTEMS", r"(?<!\w)RTEMS(?!\w)", OS, case_sensitive=True),
    term("LynxOS", None, OS),
    term("Windows", r"(?<!\w)Windows(?!\w)", OS, case_sensitive=True),
    term(
        "ARM",
        r"(?<!\w)(?:ARM|Arm(?=\s+(?:Cortex|Neoverse|Mali|processors?|cores?|SoCs?|"
        r"architecture|v\d))|AArch64|ARMv\d|Cortex-[AMR]\d+)(?!\w)",
        CPU,
        case_sensitive=True,
    ),
    term("x86", r"(?<!\w)(?:x86(?:[-_]64)?|x64|AMD64|Intel\s+(?:Core|Atom|Xeon))(?!\w)", CPU),
    term("PowerPC", r"(?<!\w)(?:PowerPC|PPC|Power\s+Architecture)(?!\w)", CPU),
    term("RISC-V", r"(?<!\w)RISC-?V(?!\w)", CPU),
    term("MIPS", r"(?<!\w)MIPS(?!\w)", CPU, case_sensitive=True),
    term("NXP i.MX", r"(?<!\w)i\.MX\s?\d", HARDWARE),
    term("Renesas R-Car", r"(?<!\w)R-Car(?!\w)", HARDWARE),
    term("Qualcomm Snapdragon", r"(?<!\w)Snapdragon(?!\w)", HARDWARE),
    term("NVIDIA Jetson", r"(?<!\w)Jetson(?!\w)", HARDWARE),
    term("NVIDIA DRIVE", r"(?<!\w)NVIDIA\s+DRIVE(?!\w)", HARDWARE),
    term("TI Jacinto", r"(?<!\w)Jacinto(?!\w)", HARDWARE),
    term("Xilinx Zynq", r"(?<!\w)Zynq(?!\w)", HARDWARE),
    term("Raspberry Pi", None, HARDWARE),
    term(
        "GPU virtualization",
        r"(?<!\w)(?:GPU\s+(?:virtuali[sz]ation|sharing|passthrough)|virtual(?:i[sz]ed)?\s+GPUs?|"
        r"vGPU|shar\w*\s+(?:the\s+|a\s+|one\s+)?GPU)(?!\w)",
        CAPABILITY,
    ),
    term("virtio", r"(?<!\w)virtio(?!\w)", CAPABILITY),
    term("SR-IOV", r"(?<!\w)SR-IOV(?!\w)", CAPABILITY),
]

# Industry names with the words that point to them.
BUILT_IN_INDUSTRIES = {
    "Automotive": r"automotive|cars?|vehicles?|trucks?|infotainment|instrument clusters?|ADAS|"
    r"driver[- ]assistance|AUTOSAR|ISO 26262|tier[- ]1|fleets?|motorcycles?",
    "Aerospace": r"aerospace|aircraft|avionics|aviation|airlines?|flights?|airborne|DO-178\w?|"
    r"ARINC 653|satellites?|spacecraft|UAVs?|drones?",
    "Industrial": r"industrial|factory|factories|manufacturing|robots?|robotics|PLCs?|"
    r"automation|warehouses?|forklifts?|IEC 61508|production lines?|IIoT",
    "Medical": r"medical|hospitals?|patients?|infusion|clinical|clinicians?|healthcare|"
    r"health care|IEC 62304|FDA|surgical|diagnostics?|bedside|ventilators?",
    "Rail": r"rail|railways?|trains?|locomotives?|signalling|EN 50128",
    "Defense": r"defen[cs]e|military|armed forces|mission systems",
    "Telecommunications": r"telecoms?|telecommunications?|5G|base stations?|network operators?|NFV",
    "Energy": r"energy|power grids?|substations?|utilities|wind turbines?|solar|nuclear",
    "Maritime": r"maritime|ships?|vessels?|naval|marine",
    "Consumer electronics": r"smartphones?|set-top box(?:es)?|smart TVs?|televisions?|"
    r"game consoles?|wearables?",
}

BUILT_IN_TAGS = [
    term("mixed criticality", r"mixed[- ]critical(?:ity)?"),
    term("functional safety", r"functional[- ]safety|safety[- ]critical|safety certification"),
    term("real-time", r"real[- ]time"),
    term("infotainment"),
    term("instrument cluster", r"instrument clusters?"),
    term("digital cockpit", r"digital cockpits?"),
    term("consolidation", r"consolidat\w+|one board replaces|(?:single|one) (?:board|SoC|chip)"),
    term("security", r"security|secure boot|attackers?"),
    term("isolation", r"isolat\w+|partitioning"),
    term("over-the-air updates", r"over[- ]the[- ]air|OTA updates?"),
    term("certification", r"certif\w+"),
    term("boot time", r"boot (?:time|target)s?|fast boot"),
    term("GPU sharing", r"shar\w* (?:the |a |one )?GPU|GPU sharing"),
    term("containers", r"containers?"),
    term("robotics", r"robot\w*"),
    term("IoT", r"IoT|internet of things", case_sensitive=False),
    term("edge computing", r"edge computing"),
    term("latency", r"latency"),
    term("open source", r"open[- ]source"),
]
MAX_TAGS = 12


TOKEN = re.compile(r"\w+(?:[-.+'/]\w+)*\+*")


def tokens_of(text):
    return TOKEN.findall(text.lower())


class NameFinder:
    """Finds any of many known names (from the database) as whole words, in one pass over the
    text's words: a large regular-expression alternation is far slower."""

    def __init__(self, names):
        self.by_key = {}
        for name in names:
            if key := " ".join(tokens_of(name)):
                self.by_key.setdefault(key, name)
        self.longest = max((key.count(" ") + 1 for key in self.by_key), default=0)
        self.first_words = {key.split(" ", 1)[0] for key in self.by_key}

    def names_in(self, text):
        words = tokens_of(text)
        found = {}
        for start, word in enumerate(words):
            if word not in self.first_words:
                continue
            for length in range(1, min(self.longest, len(words) - start) + 1):
                name = self.by_key.get(" ".join(words[start : start + length]))
                if name is not None:
                    found.setdefault(name, start)
        return sorted(found, key=found.get)


class Vocabulary:
    """Built-in names plus, optionally, the names of platforms, tags and industries already in
    the database (so suggestions reuse existing spellings)."""

    def __init__(self, platform_names=(), tag_names=(), industry_names=()):
        self.platform_names = list(platform_names)
        self.tag_names = list(tag_names)
        self.industry_names = list(industry_names)

    @cached_property
    def known_platforms(self):
        return NameFinder(self.platform_names)

    @cached_property
    def known_tags(self):
        return NameFinder(self.tag_names)

    @cached_property
    def spellings(self):
        """Known names by their lower-case form; the first spelling of a name wins."""
        spellings = {}
        for name in [*self.platform_names, *self.tag_names, *self.industry_names]:
            spellings.setdefault(name.lower(), name)
        return spellings

    @cached_property
    def industry_terms(self):
        terms = [term(name, rf"(?:{words})(?!\w)") for name, words in BUILT_IN_INDUSTRIES.items()]
        known = {industry.name.lower() for industry in terms}
        terms += [term(name) for name in self.industry_names if name.lower() not in known]
        return terms

    def spelled_as_known(self, name):
        return self.spellings.get(name.lower(), name)

    def platforms_in(self, text):
        """Platform names mentioned in `text`, in order of first mention."""
        found = {}
        for platform in BUILT_IN_PLATFORMS:
            if (position := platform.first_position(text)) is not None:
                name = self.spelled_as_known(platform.name)
                found.setdefault(name.lower(), (0, position, name))
        for order, name in enumerate(self.known_platforms.names_in(text)):
            found.setdefault(name.lower(), (1, order, name))
        return [name for *_, name in sorted(found.values())]

    def industry_in(self, weighted_texts):
        """The industry whose words occur most often; `weighted_texts` is (text, weight) pairs."""
        scores = Counter()
        for text, weight in weighted_texts:
            for industry in self.industry_terms:
                scores[industry.name] += weight * industry.count(text)
        if not scores or scores.most_common(1)[0][1] == 0:
            return ""
        best = scores.most_common(1)[0][0]
        return self.spelled_as_known(best)

    def tags_in(self, text, explicit=()):
        """Tags: those the text lists itself first, then known tags it mentions, then the
        built-in ones it mentions most."""
        tags = {}
        for tag in explicit:
            tags.setdefault(tag.lower(), self.spelled_as_known(tag))
        for name in self.known_tags.names_in(text):
            tags.setdefault(name.lower(), name)
        counts = Counter()
        for tag in BUILT_IN_TAGS:
            if found := tag.count(text):
                counts[self.spelled_as_known(tag.name)] = found
        for name, _ in counts.most_common():
            tags.setdefault(name.lower(), name)
        return list(tags.values())[: max(MAX_TAGS, len(explicit))]

    def kind_of_platform(self, name):
        known = next((p for p in BUILT_IN_PLATFORMS if p.name.lower() == name.lower()), None)
        return known.kind if known else CAPABILITY


def database_vocabulary():
    """The built-in vocabulary extended with the names already in the database."""
    from taggit.models import Tag

    from kb.domain.models import Industry, Platform

    return Vocabulary(
        platform_names=Platform.objects.values_list("name", flat=True),
        tag_names=Tag.objects.values_list("name", flat=True),
        industry_names=Industry.objects.values_list("name", flat=True),
    )
