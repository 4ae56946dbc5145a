"""Pay bands belong to a nation, so that a cross-border workspace costs each
person with the pay of their employer's nation. Existing bands and scales were
seeded for the workspace's first nation, so that is the nation they get."""

from django.db import migrations, models

NATION_ORDER = ["england", "scotland", "wales", "northern_ireland"]


def first_nation(codes):
    listed = {code.strip() for code in (codes or "").split(",")}
    return next((code for code in NATION_ORDER if code in listed), "england")


def bands_in_first_nation(apps, schema_editor):
    PayBand = apps.get_model("meetings", "PayBand")
    PayScale = apps.get_model("meetings", "PayScale")
    Workspace = apps.get_model("workspaces", "Workspace")
    for workspace_id, nations in Workspace.objects.values_list("id", "nations"):
        nation = first_nation(nations)
        PayBand.objects.filter(workspace_id=workspace_id).update(nation=nation)
        PayScale.objects.filter(workspace_id=workspace_id).update(seeded_nations=nation)


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0001_initial'),
        ('workspaces', '0004_language_preference_and_welsh_labels'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='payband',
            options={'ordering': ['nation', 'scale', 'annual_salary', 'code']},
        ),
        migrations.RemoveConstraint(
            model_name='payband',
            name='pay_band_code_unique_in_workspace',
        ),
        migrations.AddField(
            model_name='payband',
            name='nation',
            field=models.CharField(choices=[('england', 'England'), ('scotland', 'Scotland'), ('wales', 'Wales'), ('northern_ireland', 'Northern Ireland')], default='england', help_text='People whose employer is in this nation are costed with this band.', max_length=20, verbose_name='Nation'),
        ),
        migrations.AddField(
            model_name='payscale',
            name='seeded_nations',
            field=models.CharField(blank=True, editable=False, max_length=100),
        ),
        migrations.RunPython(bands_in_first_nation, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='payband',
            constraint=models.UniqueConstraint(fields=('workspace', 'nation', 'code_key'), name='pay_band_code_unique_in_workspace_nation'),
        ),
    ]
