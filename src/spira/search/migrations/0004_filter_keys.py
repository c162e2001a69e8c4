"""Filter keys (type, public, facet values) join the full-text index, so that the index itself
filters hits (see spira.search.keys), and the Swedish stems lose their -et (see spira.search.text).

Both change what is indexed, so the index is emptied here; spira.search.apps rebuilds an empty
index after `migrate` (or run `spira search_reindex`)."""

from django.db import migrations, models

from spira.search.migrations import _fulltext, _fulltext_keys


def empty_index(apps, schema_editor):
    schema_editor.execute("DELETE FROM search_searchtext")
    schema_editor.execute("DELETE FROM search_searchdocument")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_slim_documents")]

    operations = [
        migrations.RunPython(_fulltext.drop, _fulltext.create),
        migrations.RunPython(empty_index, migrations.RunPython.noop),
        migrations.AddField(
            model_name="searchtext",
            name="keys",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="facets",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(_fulltext_keys.create, _fulltext_keys.drop),
    ]
