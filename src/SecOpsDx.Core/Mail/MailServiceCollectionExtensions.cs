using Microsoft.Extensions.DependencyInjection;

namespace SecOpsDx.Core.Mail;

public static class MailServiceCollectionExtensions
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddScoped<Outbox>();
        services.AddScoped<MailDelivery>();
        services.AddScoped<JobRunLog>();
        services.AddScoped<Reminders.ReminderQueries>();
        return services;
    }
}
