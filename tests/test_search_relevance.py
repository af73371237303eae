"""Relevance on the demo: questions a visitor might type, each with the demo story that must
be among the first three results. Kept in the suite so that a later change cannot quietly lower
relevance. The questions are ours; the demo's text is in kb/demo.py.

Runs on SQLite and PostgreSQL (bin/with-postgres).
"""

import io

import pytest
from django.core.management import call_command

from kb.search import search

pytestmark = pytest.mark.django_db

GLOBALLOGIC = "globallogic-nautilus-xen-automotive-virtualization"
EPAM = "epam-xen-renesas-r-car-in-car-services"
OPENSYNERGY = "opensynergy-coqos-faurecia-cockpit"
AGL = "agl-virtualization-expert-group-white-paper"
XILINX = "xilinx-xen-zynq-ultrascale-mpsoc"

QUESTIONS = [
    ("OTA updates for in-car services", EPAM),
    ("how can vendors update services without waiting for the carmaker's release", EPAM),
    ("which hypervisor runs on the R-Car H3 in the Faurecia cockpit", OPENSYNERGY),
    ("IVI on Xen", GLOBALLOGIC),
    ("in-vehicle infotainment platform", GLOBALLOGIC),
    ("ADAS virtualization plans", GLOBALLOGIC),
    ("GPU virtualization for tier-1 suppliers", GLOBALLOGIC),
    ("which hypervisors did AGL compare", AGL),
    ("hypervisor comparison", AGL),
    ("requirements for an automotive hypervisor", AGL),
    ("OP-TEE for every guest", AGL),
    ("trusted execution environment for guests", EPAM),
    ("TEE support", EPAM),
    ("realtime scheduling on ARM", EPAM),
    ("RTDS scheduler", EPAM),
    ("instrument cluster must not freeze", EPAM),
    ("ISO26262 ASIL-B hypervisor", OPENSYNERGY),
    ("ASIL B certified hypervisor", OPENSYNERGY),
    ("safety monitor linux instrument cluster", OPENSYNERGY),
    ("AUTOSAR CAN gateway", OPENSYNERGY),
    ("rear seat infotainment", OPENSYNERGY),
    ("dom0less boot", XILINX),
    ("cache coloring", XILINX),
    ("FPGA bitstream loading under a hypervisor", XILINX),
    ("what gets harder with a hypervisor on an MPSoC", XILINX),
    ("Cortex-A53 virtualization extensions", XILINX),
    ("IOMMU", XILINX),
    ("system-on-chip with Cortex-A15 cores", GLOBALLOGIC),
    ("bill of materials cost savings", GLOBALLOGIC),
    ("license free demos", GLOBALLOGIC),
    ("suspend to RAM", AGL),
    ("boot overhead under 25%", AGL),
    ("multi display cockpit controller", OPENSYNERGY),
    ("Raspberry Pi reference hardware", AGL),
    ("why did GlobalLogic choose Xen", GLOBALLOGIC),
    ("OEM keeps control of the vehicle", EPAM),
    ("self driving", GLOBALLOGIC),
    ("commercialising Nautilus", GLOBALLOGIC),
    ("RCar Gen3", EPAM),
    ("virtualised graphics in the car", GLOBALLOGIC),
]


def test_each_question_finds_its_story_among_the_first_three():
    call_command("load_demo", stdout=io.StringIO())
    misses = []
    for question, story in QUESTIONS:
        first_three = [case_study.slug for case_study in search(question).results[0:3]]
        if story not in first_three:
            misses.append((question, story, first_three))
    assert misses == []
    assert len(QUESTIONS) >= 30
