"""Demo people, pull quotes, platform descriptions and the call to action, from public facts.

The sources do not name the people interviewed, so the demo's people are the teams and groups
the sources name, never invented individuals. A demo pull quote is a sentence of our own
summary: it has no person, and the page labels it "Our summary", never as anyone's words.

Loaded once: a case study that already has people or quotes, or a site that already has a call
to action, is left as editors made it.
"""

from kb.domain.calls_to_action import CallToAction
from kb.domain.models import CaseStudyPerson, Organization, Person, Platform, Quote

Role = CaseStudyPerson.Role

# slug of the case study: [(name, job title, organization slug or None, role)]
PEOPLE = {
    "globallogic-nautilus-xen-automotive-virtualization": [
        (
            "GlobalLogic's Nautilus team",
            "Engineering team behind Nautilus",
            "globallogic",
            Role.INTERVIEWEE,
        ),
        ("Xen Project blog", "Published the 2017 Q&A", None, Role.INTERVIEWER),
    ],
    "epam-xen-renesas-r-car-in-car-services": [
        (
            "EPAM's Xen engineers",
            "Speakers at the Xen Project Developer Summit",
            "epam-systems",
            Role.QUOTED,
        ),
    ],
    "opensynergy-coqos-faurecia-cockpit": [
        ("OpenSynergy", "Maker of the COQOS Hypervisor SDK", "opensynergy", Role.QUOTED),
    ],
    "agl-virtualization-expert-group-white-paper": [
        (
            "AGL Virtualization Expert Group",
            "Authors of the June 2018 white paper",
            "automotive-grade-linux",
            Role.QUOTED,
        ),
    ],
    "xilinx-xen-zynq-ultrascale-mpsoc": [
        (
            "Xilinx documentation team",
            "Xen wiki and software developer guide",
            "xilinx-amd",
            Role.QUOTED,
        ),
    ],
}

# slug of the case study: a sentence of our own summary, shown as the pull quote.
SUMMARY_QUOTES = {
    "globallogic-nautilus-xen-automotive-virtualization": (
        "Functions that once needed processors of their own run side by side on one chip, and "
        "3D scenes render with almost no slowdown."
    ),
    "epam-xen-renesas-r-car-in-car-services": (
        "Service vendors ship and update their in-car services on their own schedule, while the "
        "carmaker keeps control of the vehicle."
    ),
    "opensynergy-coqos-faurecia-cockpit": (
        "Android, a Linux instrument cluster and a safety monitor share one R-Car H3, so the "
        "cockpit scales from the front seats to the rear."
    ),
    "agl-virtualization-expert-group-white-paper": (
        "Before choosing a hypervisor, the group wrote down what a car needs from one: shared "
        "GPUs, separated memory and a boot overhead well under a quarter."
    ),
    "xilinx-xen-zynq-ultrascale-mpsoc": (
        "Dom0less boot and cache colouring bring Xen closer to what real-time and "
        "mixed-criticality designs on one MPSoC need."
    ),
}

# slug of the platform: what it is, for its page (in our words).
PLATFORM_DESCRIPTIONS = {
    "xen": "An open-source type-1 hypervisor, used from data centres to cars and embedded boards.",
    "kvm": "The hypervisor built into the Linux kernel.",
    "acrn": "An open-source hypervisor for embedded and IoT devices.",
    "jailhouse": "A small partitioning hypervisor, started from Linux, that splits one machine "
    "into isolated cells.",
    "l4re": "The L4 Runtime Environment: an operating-system framework on an L4 microkernel "
    "that can host virtual machines.",
    "coqos-hypervisor-sdk": "OpenSynergy's hypervisor SDK for automotive controllers.",
    "arm": "The processor architecture of most automotive and embedded system-on-chips; its "
    "virtualization extensions let a hypervisor run guests efficiently.",
    "ti-jacinto-6": "A Texas Instruments automotive system-on-chip with ARM Cortex-A15 cores and "
    "SGX544 graphics.",
    "renesas-r-car-h3": "A Renesas automotive system-on-chip of the R-Car Gen3 family (ARM).",
    "renesas-r-car-m3": "A Renesas automotive system-on-chip of the R-Car Gen3 family (ARM).",
    "zynq-ultrascale-mpsoc": "A Xilinx (now AMD) adaptive system-on-chip with ARM Cortex-A53 "
    "cores, virtualization extensions and an SMMU.",
    "android": "Google's operating system, used in cars for infotainment.",
    "linux": "The open-source operating system kernel and the systems built on it.",
    "qnx": "A real-time operating system often used in cars.",
    "autosar": "The automotive industry's standard software architecture for control units.",
    "gpu-virtualization": "Sharing one graphics processor between virtual machines.",
}

CALL_TO_ACTION = {
    "text": "Running virtualization in your product? Tell us your story.",
    "detail": "We publish case studies of hypervisors in cars, aircraft, factories and medical "
    "devices, written with the teams who built them.",
    "button_label": "Talk to our editors",
    "link": "mailto:stories@example.org",
}


def person_named(name, job_title, organization_slug):
    organization = Organization.objects.filter(slug=organization_slug).first()
    person, _ = Person.objects.get_or_create(
        name=name, organization=organization, defaults={"job_title": job_title}
    )
    return person


def load_people_and_quotes(case_studies):
    """People and a pull quote for each demo case study that has none yet."""
    for case_study in case_studies:
        if not case_study.people.exists():
            for position, (name, job_title, organization, role) in enumerate(
                PEOPLE.get(case_study.slug, []), start=1
            ):
                CaseStudyPerson.objects.create(
                    case_study=case_study,
                    person=person_named(name, job_title, organization),
                    role=role,
                    position=position,
                )
        text = SUMMARY_QUOTES.get(case_study.slug)
        if text and not case_study.quotes.exists():
            Quote.objects.create(case_study=case_study, text=text, person=None, position=1)


def describe_platforms():
    """A description for each demo platform that has none yet."""
    for platform in Platform.objects.filter(slug__in=PLATFORM_DESCRIPTIONS, description=""):
        platform.description = PLATFORM_DESCRIPTIONS[platform.slug]
        platform.save(update_fields=["description"])


def load_call_to_action():
    if not CallToAction.objects.exists():
        CallToAction.objects.create(**CALL_TO_ACTION)
