using MassTransit;

namespace BladderLnAi.Jobs.Messaging;

/// <summary>Connection settings of the RabbitMQ bus, shared by the web host and the workers.</summary>
public static class RabbitMqBus
{
    public static void ConfigureHost(IRabbitMqBusFactoryConfigurator configurator, MessagingOptions options)
    {
        configurator.Host(new Uri(options.RabbitMqHost), host =>
        {
            host.Username(options.RabbitMqUsername);
            host.Password(options.RabbitMqPassword);
        });
    }
}
