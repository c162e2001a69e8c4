"""Headings, help and a worked example for each part of a case.

OPSI found that a question per section and an example of a good answer is what gets cases
written. The examples are drawn from real Swedish cases: Piteå's and Skellefteå's idea sluice,
Samverket (public-sector coworking in Stockholm and Östersund), Innocities and NATSAM.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Guidance:
    heading: Promise
    help: Promise
    example: Promise


SUMMARY_GUIDANCE = Guidance(
    heading=_("Short summary"),
    help=_(
        "Two or three sentences (at most 500 characters) shown in search results: what was done, "
        "by whom, for whom and with what result."
    ),
    example=_(
        "Piteå and Skellefteå built an idea sluice: a shared route from a co-worker's or resident's "
        "idea to a tested and implemented change. In three years it gave support to hundreds of "
        "ideas, new ways of leading innovation and a common support function for digital innovation."
    ),
)

SECTION_GUIDANCE: dict[str, Guidance] = {
    "overview": Guidance(
        heading=_("Overview"),
        help=_(
            "Describe the initiative as you would to a colleague in another municipality: the "
            "problem, who was involved, what you did and where it stands now."
        ),
        example=_(
            "Samverket is a coworking space for the public sector, with hubs in Stockholm and "
            "Östersund. Employees of member organisations – agencies, regions and municipalities – "
            "work side by side a few days a week, take part in member-driven activities and start "
            "projects together. The project, led by the County Administrative Board of Jämtland, "
            "developed and tested a national concept between 2021 and 2023."
        ),
    ),
    "innovation": Guidance(
        heading=_("What makes it innovative"),
        help=_(
            "What is new here – for your organisation, for Sweden or for the world? What did you do "
            "differently from the usual way?"
        ),
        example=_(
            "Instead of each organisation developing its own way of working with innovation, the "
            "idea sluice gave two municipalities one shared chain from idea to implementation, with "
            "common support functions and a 'game idea' that everyone in the organisation knows."
        ),
    ),
    "purpose": Guidance(
        heading=_("Purpose and goals"),
        help=_(
            "Which need or problem did the initiative address, and for whom? Which goals did you "
            "set, and how would you know that you had reached them?"
        ),
        example=_(
            "The purpose was to create places and models for coworking, learning and co-creation "
            "that strengthen the public sector's ability to deal with complex challenges. The goal "
            "was a concept that other places can start on their own, with a playbook."
        ),
    ),
    "results": Guidance(
        heading=_("Results"),
        help=_(
            "What came out of it? Give numbers where you have them, and say what did not turn out as planned."
        ),
        example=_(
            "The accompanying research shows that the effect and impact goals were largely met. The "
            "concept has been tested at the two hubs and is already being used in new places and "
            "inside member organisations."
        ),
    ),
    "long_term_effects": Guidance(
        heading=_("Long-term effects"),
        help=_("What will remain when the project ends? What do you expect to change in a few years?"),
        example=_(
            "Control signals and good examples together created courage, legitimacy and interest in "
            "a common movement. Gender equality, co-creation and collaborative procurement are now "
            "discussed in the whole organisation, not only in the project."
        ),
    ),
    "approach": Guidance(
        heading=_("Approach and implementation"),
        help=_("How did you work, step by step? Which methods did you use, and who took part in each step?"),
        example=_(
            "A project group from all partners developed the Innocities programme together with a "
            "reference group of ten Swedish municipalities. The programme builds on a Norwegian "
            "model from Smart Innovation Norway and was adapted to Swedish conditions."
        ),
    ),
    "challenges": Guidance(
        heading=_("Challenges and failures"),
        help=_("What was hard, and what did not work? Others learn the most from this section – be honest."),
        example=_(
            "Innovative culture came quickly, but structuring innovation from a system perspective "
            "took longer than planned: budgets and steering documents still assumed that every "
            "department works on its own."
        ),
    ),
    "success_conditions": Guidance(
        heading=_("Conditions for success"),
        help=_("What had to be in place for it to work – people, mandate, money, time, partners?"),
        example=_(
            "A community manager in a neutral place that belongs to no single member, and a culture "
            "of psychological safety, creativity and community. The accompanying researchers "
            "confirmed how much these two conditions mattered."
        ),
    ),
    "replication": Guidance(
        heading=_("Replication potential"),
        help=_(
            "Could others do the same? What would they need, and what would they have to adapt to "
            "their own conditions?"
        ),
        example=_(
            "The playbook describes how to start a Samverket hub step by step; new places have "
            "already started one. Smaller municipalities can join as members of a nearby hub rather "
            "than start their own."
        ),
    ),
    "lessons": Guidance(
        heading=_("Lessons learned"),
        help=_("What would you tell someone who is about to start something similar?"),
        example=_(
            "Put innovation management into the ordinary control system – goals, budget and the "
            "digitalisation strategy – from the start; otherwise it stays a project that ends when "
            "the funding does."
        ),
    ),
}

GENDER_EQUALITY_GUIDANCE = Guidance(
    heading=_("Gender equality"),
    help=_(
        "Was gender equality part of the analysis, the design and the follow-up? National "
        "accompanying research follows how cases integrate it."
    ),
    example=_(
        "We analysed who submitted ideas by gender and workplace, and found that care staff – mostly "
        "women – rarely did. The idea sluice then visited their workplaces, and the share of ideas "
        "from care rose."
    ),
)
