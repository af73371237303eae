"""Demo content: five case studies, written in our own words from public facts.

Each entry paraphrases its source and names it; nothing here is a quotation, and no figure or
claim goes beyond what the cited material says. `python manage.py load_demo` loads it.
"""

import datetime

INDUSTRIES = [
    (
        "Automotive",
        "automotive",
        "Cars and their suppliers: infotainment, instrument clusters, "
        "telematics and driver assistance sharing hardware safely.",
    ),
    (
        "Aerospace",
        "aerospace",
        "Avionics and space systems that isolate functions of different "
        "criticality on one computer.",
    ),
    (
        "Industrial",
        "industrial",
        "Factories, robots and embedded controllers that mix real-time "
        "control with general-purpose software.",
    ),
    (
        "Medical",
        "medical",
        "Medical devices that keep certified functions apart from user "
        "interfaces and connectivity.",
    ),
]

ORGANIZATIONS = [
    (
        "GlobalLogic",
        "globallogic",
        "https://www.globallogic.com/",
        "A software engineering services company.",
    ),
    (
        "EPAM Systems",
        "epam-systems",
        "https://www.epam.com/",
        "A software engineering and digital services company.",
    ),
    (
        "OpenSynergy",
        "opensynergy",
        "https://www.opensynergy.com/",
        "A maker of embedded automotive software, including the COQOS hypervisor SDK.",
    ),
    (
        "Automotive Grade Linux",
        "automotive-grade-linux",
        "https://www.automotivelinux.org/",
        "A collaborative open-source project building a Linux-based software platform for cars.",
    ),
    (
        "Xilinx (AMD)",
        "xilinx-amd",
        "https://www.amd.com/",
        "Maker of adaptive system-on-chips such as the Zynq UltraScale+ MPSoC, now part of AMD.",
    ),
]

PLATFORMS = [
    ("Xen", "xen", "hypervisor"),
    ("KVM", "kvm", "hypervisor"),
    ("ACRN", "acrn", "hypervisor"),
    ("Jailhouse", "jailhouse", "hypervisor"),
    ("L4Re", "l4re", "hypervisor"),
    ("COQOS Hypervisor SDK", "coqos-hypervisor-sdk", "hypervisor"),
    ("ARM", "arm", "cpu"),
    ("TI Jacinto 6", "ti-jacinto-6", "hardware"),
    ("Renesas R-Car H3", "renesas-r-car-h3", "hardware"),
    ("Renesas R-Car M3", "renesas-r-car-m3", "hardware"),
    ("Zynq UltraScale+ MPSoC", "zynq-ultrascale-mpsoc", "hardware"),
    ("Android", "android", "os"),
    ("Linux", "linux", "os"),
    ("QNX", "qnx", "os"),
    ("AUTOSAR", "autosar", "os"),
    ("GPU virtualization", "gpu-virtualization", "capability"),
]

CASE_STUDIES = [
    {
        "slug": "globallogic-nautilus-xen-automotive-virtualization",
        "title": "GlobalLogic: in-car infotainment and GPU virtualization on Xen",
        "organization": "globallogic",
        "industries": ["automotive"],
        "platforms": [
            "xen",
            "arm",
            "gpu-virtualization",
            "ti-jacinto-6",
            "android",
            "qnx",
            "linux",
        ],
        "tags": ["infotainment", "GPU sharing", "telematics", "open source", "type-1 hypervisor"],
        "featured": True,
        "summary": "GlobalLogic built Nautilus, an infotainment and telematics platform for cars, "
        "on an embedded Xen hypervisor. Its GPU virtualization went to tier-1 suppliers in "
        "Japan, the US and Europe.",
        "introduction": "Nautilus is GlobalLogic's in-vehicle infotainment and telematics "
        "platform. It runs on a modified, embedded build of Xen, a type-1 hypervisor. When the "
        "platform was announced in 2014 it ran Android for infotainment beside QNX or Linux for "
        "telematics, on a TI Jacinto 6 system-on-chip with ARM Cortex-A15 cores and SGX544 "
        "graphics. In a 2017 interview on the Xen Project blog, the company explained why it "
        "chose virtualization and Xen, and what came of it. The answers below are our summary.",
        "source_name": "Xen Project blog",
        "source_url": "https://xenproject.org/blog/",
        "source_date": datetime.date(2017, 4, 1),
        "qa_pairs": [
            (
                "Where does GPU virtualization stand in your automotive work?",
                "GlobalLogic says its GPU virtualization had been deployed for several tier-1 "
                "automotive suppliers in Japan, the US and Europe. It removed nearly all of the "
                "slowdown when rendering heavy 3D scenes, which the company sees as opening a new "
                "level of infotainment systems.",
            ),
            (
                "Why put a hypervisor in a car at all?",
                "Functions that used to need their own processors can run as separate virtual "
                "machines on one chip. That lowers production and bill-of-materials cost, and "
                "fewer processors on a board improves fail-safety. Many small isolated subsystems "
                "are also cheaper to maintain, and a virtualized system can outperform a more "
                "expensive all-hardware design.",
            ),
            (
                "Why did you choose Xen?",
                "Xen is open source and has a long track record in many fields. Using it let the "
                "team spend its effort on problems specific to vehicles rather than on building a "
                "virtualization layer of its own.",
            ),
            (
                "What benefits has Xen brought?",
                "The company names three: a shorter time to market for carmakers; demos that "
                "customers can get without licence costs, which a proprietary product would have "
                "made unaffordable; and support from the community, including its process for "
                "finding and fixing vulnerabilities.",
            ),
            (
                "What was the hardest part?",
                "The variety of ARM-based platforms. GlobalLogic overcame it by writing a set of "
                "drivers and extending the environment around the hypervisor.",
            ),
            (
                "What comes next?",
                "Commercializing Nautilus, bringing GPU virtualization to more customers and vehicle "
                "models, and applying virtualization to self-driving, driver assistance (ADAS), "
                "connected services and safety.",
            ),
        ],
        "benefits": [
            ("Shorter time to market for carmakers", ""),
            (
                "Demos without licence costs",
                "Customers can evaluate the platform for free; a proprietary hypervisor would have "
                "made that unaffordable.",
            ),
            (
                "Community support and security process",
                "The Xen community helps, and its process finds and fixes vulnerabilities.",
            ),
        ],
        "challenges": [
            (
                "The wide variety of ARM-based platforms to support.",
                "Wrote a set of drivers and extended the surrounding environment.",
            ),
        ],
        "key_facts": [
            ("Regions whose tier-1 suppliers use its GPU virtualization: Japan, US, Europe", "3"),
            ("Nautilus announced, on a TI Jacinto 6", "2014"),
            ("Platform", "Nautilus (infotainment and telematics)"),
        ],
    },
    {
        "slug": "epam-xen-renesas-r-car-in-car-services",
        "title": "EPAM: updatable in-car services with Xen on Renesas R-Car",
        "organization": "epam-systems",
        "industries": ["automotive"],
        "platforms": [
            "xen",
            "arm",
            "renesas-r-car-h3",
            "renesas-r-car-m3",
            "android",
            "gpu-virtualization",
        ],
        "tags": [
            "instrument cluster",
            "real-time",
            "GPU sharing",
            "functional safety",
            "over-the-air updates",
        ],
        "featured": False,
        "summary": "EPAM Systems ran Xen on Renesas R-Car Gen3 chips so that service vendors can "
        "deploy and update in-car services outside the carmaker's release cycle, while the "
        "carmaker keeps control of the vehicle.",
        "introduction": "EPAM engineers presented their work on Xen for Renesas R-Car H3 and M3 "
        "system-on-chips at Xen Project Developer Summits in 2018 and 2019, and Renesas "
        "described the solution on its automotive site. The exact dates of the project are not "
        "confirmed; this entry summarises the published material.",
        "source_name": "Renesas and Xen Project Developer Summit talks",
        "source_url": "https://www.renesas.com/",
        "source_date": None,
        "qa_pairs": [
            (
                "What is the idea behind the project?",
                "A hypervisor on the car's main chip hosts services that their vendors can deploy "
                "and update on their own schedule, outside the carmaker's release cycle, while the "
                "carmaker stays in control of the vehicle.",
            ),
            (
                "What did the team have to solve?",
                "The instrument cluster must never freeze, even though it shares hardware with an "
                "Android guest. Real-time scheduling in Xen on ARM needed work, and the team "
                "examined dedicated CPU pools and the RTDS scheduler. GPU sharing, trusted "
                "execution (TEE) for guests, power management and functional safety were on the "
                "list too, in a market where proprietary hypervisors dominate.",
            ),
        ],
        "benefits": [
            (
                "Services updated outside the carmaker's release cycle",
                "Vendors deploy and update their services independently, and the carmaker keeps "
                "control.",
            ),
        ],
        "challenges": [
            (
                "The instrument cluster must never freeze while it shares hardware with Android.",
                "Examined real-time scheduling in Xen on ARM: dedicated CPU pools and the RTDS "
                "scheduler.",
            ),
            ("GPU sharing, TEE support for guests, power management and functional safety.", ""),
        ],
        "key_facts": [
            ("Renesas R-Car Gen3 chips: H3 and M3 (ARM)", "2"),
            ("Xen Project Developer Summit talks", "2018, 2019"),
        ],
    },
    {
        "slug": "opensynergy-coqos-faurecia-cockpit",
        "title": "OpenSynergy and Faurecia: a multi-display cockpit on one R-Car H3",
        "organization": "opensynergy",
        "industries": ["automotive"],
        "platforms": [
            "coqos-hypervisor-sdk",
            "renesas-r-car-h3",
            "android",
            "linux",
            "autosar",
            "gpu-virtualization",
            "arm",
        ],
        "tags": [
            "cockpit controller",
            "instrument cluster",
            "functional safety",
            "ISO 26262",
            "GPU sharing",
        ],
        "featured": True,
        "summary": "Faurecia's cockpit controller used OpenSynergy's COQOS Hypervisor SDK on a "
        "Renesas R-Car H3 to run Android infotainment, a Linux instrument cluster and a safety "
        "monitor side by side, sharing one GPU.",
        "introduction": "Reported in September 2018: a multi-display cockpit controller in which "
        "Android (version P) runs the infotainment and Linux renders the instrument cluster. "
        "Because Linux alone cannot reach the safety level required, a separate safety monitor "
        "checks that safety-relevant information is displayed correctly. An AUTOSAR CAN gateway "
        "runs on the chip's Cortex-R7 core.",
        "source_name": "CAN Newsletter; OpenSynergy product page",
        "source_url": "https://can-newsletter.org/",
        "source_date": datetime.date(2018, 9, 1),
        "qa_pairs": [
            (
                "What runs on the cockpit controller?",
                "Android P for infotainment and Linux for the instrument cluster, as guests of the "
                "COQOS hypervisor on one R-Car H3, with the GPU shared between them. An AUTOSAR CAN "
                "gateway runs on the Cortex-R7 core.",
            ),
            (
                "How is safety handled?",
                "A separate safety monitor checks that safety-relevant information is shown "
                "correctly, because Linux on its own cannot reach the required safety level. "
                "OpenSynergy states that TÜV SÜD confirmed ISO 26262 ASIL-B compliance of the "
                "hypervisor; no date is given for that confirmation.",
            ),
            (
                "What did the approach promise?",
                "Safety and scalability from the front displays to rear-seat infotainment, and a "
                "faster time to market. Production was planned for 2019 with a European premium "
                "carmaker that was not named.",
            ),
        ],
        "benefits": [
            ("Safety and scalability from front to rear-seat infotainment", ""),
            ("Faster time to market", ""),
        ],
        "challenges": [
            (
                "Linux alone cannot reach the safety level the instrument cluster needs.",
                "A separate safety monitor checks that safety-relevant information is displayed "
                "correctly.",
            ),
        ],
        "key_facts": [
            ("Safety claim", "ASIL-B (ISO 26262), per the vendor"),
            ("Planned production", "2019, European premium carmaker"),
        ],
    },
    {
        "slug": "agl-virtualization-expert-group-white-paper",
        "title": "Automotive Grade Linux: what a car's hypervisor must do",
        "organization": "automotive-grade-linux",
        "industries": ["automotive"],
        "platforms": [
            "xen",
            "kvm",
            "l4re",
            "acrn",
            "jailhouse",
            "renesas-r-car-h3",
            "linux",
            "gpu-virtualization",
        ],
        "tags": ["requirements", "open source", "OP-TEE", "functional safety", "eCockpit"],
        "featured": False,
        "summary": "AGL's Virtualization Expert Group compared open-source and commercial "
        "hypervisors for cars and listed what an in-vehicle hypervisor must provide, from GPU "
        "virtualization to ASIL compliance.",
        "introduction": "In June 2018 Automotive Grade Linux published a white paper on its "
        "software-defined connected-car architecture (CC-BY-4.0). Its virtualization expert "
        "group, with contributors from Panasonic and Volkswagen, compared Xen, KVM, L4Re, ACRN, "
        "Jailhouse, Arm Trusted Firmware, containers and commercial hypervisors, using a "
        "Renesas R-Car H3 starter kit, QEMU and the Raspberry Pi as reference hardware.",
        "source_name": "AGL white paper \u201cThe AGL Software Defined Connected Car Architecture\u201d",
        "source_url": "https://www.automotivelinux.org/",
        "source_date": datetime.date(2018, 6, 1),
        "qa_pairs": [
            (
                "Which options did the group compare?",
                "Xen, KVM, L4Re, ACRN, Jailhouse, Arm Trusted Firmware, containers and commercial "
                "hypervisors.",
            ),
            (
                "What must an automotive hypervisor provide?",
                "GPU, I/O and network virtualization; memory separation between guests; "
                "communication between virtual machines; suspend to RAM; ASIL compliance; OP-TEE "
                "available to every guest; and a boot overhead well under 25%.",
            ),
        ],
        "benefits": [
            (
                "A shared list of requirements for in-vehicle hypervisors",
                "Carmakers and suppliers can compare hypervisors against the same criteria.",
            ),
        ],
        "challenges": [
            (
                "Keeping hypervisor boot overhead well under 25% while meeting safety requirements.",
                "",
            ),
        ],
        "key_facts": [
            ("Hypervisor boot overhead allowed", "< 25 %"),
            ("Options compared, from Xen and KVM to containers", "8"),
            ("Reference hardware", "Renesas R-Car H3 starter kit, QEMU, Raspberry Pi"),
        ],
    },
    {
        "slug": "xilinx-xen-zynq-ultrascale-mpsoc",
        "title": "Xilinx: Xen on the Zynq UltraScale+ MPSoC",
        "organization": "xilinx-amd",
        "industries": ["industrial"],
        "platforms": ["xen", "arm", "zynq-ultrascale-mpsoc"],
        "tags": ["embedded", "dom0less", "cache colouring", "FPGA", "mixed criticality"],
        "featured": False,
        "summary": "Xilinx supports the Xen hypervisor on its Zynq UltraScale+ MPSoC, adding "
        "dom0less boot in 2019.1 and cache colouring in 2020.1, and documents what gets harder "
        "once a hypervisor is in place.",
        "introduction": "The Zynq UltraScale+ MPSoC combines ARM Cortex-A53 cores that have "
        "virtualization extensions with an SMMU. Xilinx's wiki and its software developer guide "
        "(UG1137) describe running Xen on it. DornerWorks is named as a partner for Xen work.",
        "source_name": "Xilinx wiki \u201cXEN Hypervisor\u201d; AMD UG1137",
        "source_url": "https://xilinx-wiki.atlassian.net/",
        "source_date": None,
        "qa_pairs": [
            (
                "Which Xen features arrived in which release?",
                "Dom0less boot came with release 2019.1 and cache colouring with 2020.1.",
            ),
            (
                "What becomes harder with a hypervisor?",
                "Power management, loading FPGA bitstreams, OpenAMP and access to the security "
                "accelerators.",
            ),
        ],
        "benefits": [
            (
                "Dom0less boot",
                "Guests can start directly at boot without a control domain (release 2019.1).",
            ),
            (
                "Cache colouring",
                "Partitions the cache between guests to reduce interference (release 2020.1).",
            ),
        ],
        "challenges": [
            (
                "Power management, FPGA bitstream loading, OpenAMP and security accelerators are "
                "harder to use under a hypervisor.",
                "",
            ),
        ],
        "key_facts": [
            ("Dom0less boot, since release", "2019.1"),
            ("Cache colouring, since release", "2020.1"),
            ("Hardware", "ARM Cortex-A53 with virtualization extensions and SMMU"),
        ],
    },
]
