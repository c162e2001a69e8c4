"""Factories for accounts. No surprises: a UserFactory is an active Swedish-speaking person with no
platform role, whose password is PASSWORD; an ApiTokenFactory is an active token whose key is on
`token.key` (as only the creation ever knows it)."""

import factory

from spira.accounts.models import ApiToken, User, hash_token

PASSWORD = "Kaffe-och-kanelbulle-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    preferred_language = "sv"
    password = factory.django.Password(PASSWORD)


class ApiTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Token {n}")
    key = factory.LazyFunction(ApiToken.generate_key)
    key_hash = factory.LazyAttribute(lambda o: hash_token(o.key))
    key_prefix = factory.LazyAttribute(lambda o: o.key[:12])

    @classmethod
    def _create(cls, model_class, *args, key: str, **kwargs):
        token = super()._create(model_class, *args, **kwargs)
        token.key = key
        return token
