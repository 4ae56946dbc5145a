"""An organisation says which nation it employs its staff in (blank: the workspace's first), and
Northern Ireland's health and social care trusts are a sector of their own."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_welsh_labels'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='nation',
            field=models.CharField(blank=True, choices=[('england', 'England'), ('scotland', 'Scotland'), ('wales', 'Wales'), ('northern_ireland', 'Northern Ireland')], help_text="Its people's time is costed with this nation's pay scales.", max_length=20, verbose_name='nation the organisation employs its staff in'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='sector',
            field=models.CharField(choices=[('nhs_acute', 'NHS acute'), ('nhs_community', 'NHS community'), ('nhs_mental_health', 'NHS mental health'), ('nhs_primary_care', 'NHS primary care'), ('hsc_trust', 'Health and social care trust (Northern Ireland)'), ('council_adult_social_care', 'Council adult social care'), ('council_childrens_services', "Council children's services"), ('council_housing', 'Council housing'), ('council_education', 'Council education'), ('council_public_health', 'Council public health'), ('police', 'Police'), ('fire', 'Fire and rescue'), ('voluntary_community', 'Voluntary and community'), ('user_led', 'User-led'), ('private_provider', 'Private provider'), ('academic', 'Academic'), ('other', 'Other')], max_length=40, verbose_name='sector'),
        ),
    ]
