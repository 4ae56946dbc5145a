from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("voice/", views.VoiceHome.as_view(), name="home"),
    path("partnerships/<int:partnership>/voice/", views.PartnershipVoice.as_view(), name="partnership"),
    path("partnerships/<int:partnership>/voice/new-wave/", views.WaveCreate.as_view(), name="wave_add"),
    path("partnerships/<int:partnership>/voice/outcomes/", views.OutcomesVoice.as_view(), name="outcomes"),
    path("voice/waves/<int:wave>/", views.WaveDetail.as_view(), name="wave"),
    path("voice/waves/<int:wave>/links/", views.BatchCreate.as_view(), name="batch_add"),
    path("voice/waves/<int:wave>/close/", views.WaveClose.as_view(), name="wave_close"),
    path("voice/waves/<int:wave>/results/", views.WaveResultsPage.as_view(), name="results"),
    path("voice/waves/<int:wave>/results.csv", views.WaveResultsCsv.as_view(), name="results_csv"),
]
_obstacles = "partnerships/<int:partnership>/voice/obstacles/"
urlpatterns += [
    path(f"{_obstacles}new/", views.ObstacleCreate.as_view(register=views.OBSTACLES), name="obstacle_add"),
    path(f"{_obstacles}<int:pk>/edit/", views.ObstacleUpdate.as_view(register=views.OBSTACLES), name="obstacle_edit"),
    path(f"{_obstacles}<int:pk>/archive/", views.ObstacleArchive.as_view(register=views.OBSTACLES), name="obstacle_archive"),
]
