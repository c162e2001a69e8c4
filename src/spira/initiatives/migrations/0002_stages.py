from django.db import migrations

STAGES = [
    "identifying_problems",
    "generating_ideas",
    "developing_proposals",
    "implementation",
    "evaluation",
    "diffusing_lessons",
]


def add_stages(apps, schema_editor):
    Stage = apps.get_model("initiatives", "Stage")
    for order, code in enumerate(STAGES, start=1):
        Stage.objects.update_or_create(code=code, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(add_stages, migrations.RunPython.noop)]
