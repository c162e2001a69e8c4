"""The organisations dataset (no indicators of its own: the other providers count per organisation)."""

from django.utils.translation import gettext_lazy

from spira.observatory.opendata.datasets import Column, Dataset
from spira.observatory.registry import Provider
from spira.organisations.models import Organisation


class OrganisationsProvider(Provider):
    name = "organisations"
    label = gettext_lazy("Organisations")
    order = 1
    counted_models = ("organisations.Organisation",)

    def datasets(self) -> list[Dataset]:
        return [
            Dataset(
                name="organisations",
                title=gettext_lazy("Organisations in Swedish public-sector innovation"),
                description=gettext_lazy(
                    "Municipalities, regions, government agencies and the companies, universities and "
                    "associations that take part, with official codes, county and population."
                ),
                keywords=(gettext_lazy("municipalities"), gettext_lazy("government agencies")),
                queryset=lambda: Organisation.objects.order_by("pk"),
                fields=("org_number", "is_reference"),
                columns=(
                    Column(
                        "slug",
                        gettext_lazy("Identifier of the organisation on Spira (used in the other datasets)."),
                    ),
                    Column(
                        "kind",
                        gettext_lazy(
                            "Kind: municipality, region, agency, company, academia, civil_society, network or other."
                        ),
                    ),
                    Column("name", gettext_lazy("Name."), free_text=True),
                    Column("name_en", gettext_lazy("Name in English."), free_text=True),
                    Column("municipality_code", gettext_lazy("Kommunkod (four digits), for municipalities.")),
                    # Only organisations from the official registers: a sole trader's number is a
                    # personal identity number.
                    Column(
                        "org_number",
                        gettext_lazy("Organisationsnummer, for organisations from the official registers."),
                        lambda o: o["org_number"] if o["is_reference"] else None,
                    ),
                    Column("county_code", gettext_lazy("Länskod (two digits)."), "county.code"),
                    Column("population", gettext_lazy("Inhabitants (municipalities and regions).")),
                    Column("population_year", gettext_lazy("Year of the population figure.")),
                    Column("city", gettext_lazy("City."), free_text=True),
                    Column("website", gettext_lazy("Website."), free_text=True),
                ),
            )
        ]


provider = OrganisationsProvider()
