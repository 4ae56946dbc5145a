from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("partnerships/<int:partnership>/reviews/", views.PartnershipReviews.as_view(), name="partnership_reviews"),
    path("partnerships/<int:partnership>/reviews/run/", views.RunReview.as_view(), name="run_review"),
    path("reviews/<int:review>/", views.ReviewReport.as_view(), name="detail"),
    path("reviews/<int:review>/report.pdf", views.ReviewPdf.as_view(), name="pdf"),
    path("reviews/<int:review>/override/", views.OverrideVerdict.as_view(), name="override"),
    path("reviews/<int:review>/case-study/", views.CaseStudyFromReview.as_view(), name="case_study"),
    path("portfolio/", views.Portfolio.as_view(), name="portfolio"),
    path("portfolio/export.<str:kind>", views.PortfolioExport.as_view(), name="portfolio_export"),
    path("portfolio/review-all/", views.ReviewAll.as_view(), name="review_all"),
    path("portfolio/runs/<int:run>/", views.RunStatus.as_view(), name="run"),
]
