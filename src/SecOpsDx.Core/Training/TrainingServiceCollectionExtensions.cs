using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Training;

public static class TrainingServiceCollectionExtensions
{
    /// <summary>Training courses, completions, exemptions, imports and drills: the use cases and the reads.</summary>
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingWrites>();
        services.AddScoped<SaveCourse>();
        services.AddScoped<CopyCourses>();
        services.AddScoped<ConfirmTraining>();
        services.AddScoped<RecordPaperCompletion>();
        services.AddScoped<ExemptStaff>();
        services.AddScoped<RetireCourse>();
        services.AddScoped<WithdrawPaperRecord>();
        services.AddScoped<CompletionImporter>();
        services.AddScoped<DrillImporter>();
        services.AddScoped<DrillQueries>();
        services.AddScoped<AssignDrillFollowUp>();
        services.AddScoped<RecordDrillReport>();
        services.AddSingleton<EndedYearFigures>();
        services.AddScoped<TrainingQueries>();
        return services;
    }
}
