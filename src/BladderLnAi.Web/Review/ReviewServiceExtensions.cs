using BladderLnAi.Web.Review.Reports;

namespace BladderLnAi.Web.Review;

public static class ReviewServiceExtensions
{
    /// <summary>Registers case review: cases, rulings, sign-out, uploads, reports and the case hub's events.</summary>
    public static WebApplicationBuilder AddCaseReview(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ReviewOptions.SectionName).Get<ReviewOptions>() ?? new();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseEvents>();
        services.AddSingleton<CaseService>();
        services.AddSingleton<CaseSignOutService>();
        services.AddSingleton<FindingReviewService>();
        services.AddSingleton<SlideUploadService>();
        services.AddSingleton<CaseReportBuilder>();
        return builder;
    }
}
