namespace Amani.Platform.Hosting.Settings;

/// <summary>
/// Where settings come from: the <c>AMANI_*</c> environment variables, each under its own name as configuration key
/// (<c>configuration["AMANI_URLS"]</c>), then the command-line options of the command, which win. A variable that is
/// empty counts as unset; values are trimmed. Options classes name their variable on each property with
/// <see cref="Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute"/> (see <see cref="SettingsBinder"/>).
/// </summary>
public static class AmaniConfiguration
{
    public const string Prefix = "AMANI_";

    /// <summary>The environment, then <paramref name="commandLine"/> (variable name → value; null values are skipped).</summary>
    public static IConfiguration FromEnvironment(IReadOnlyDictionary<string, string?>? commandLine = null) =>
        new ConfigurationBuilder().AddAmaniEnvironment().AddAmaniValues(commandLine ?? new Dictionary<string, string?>()).Build();

    /// <summary>Given values only (tests); the same rules as the environment: empty means unset, values are trimmed.</summary>
    public static IConfiguration FromValues(IReadOnlyDictionary<string, string?> values) =>
        new ConfigurationBuilder().AddAmaniValues(values).Build();

    public static IConfigurationBuilder AddAmaniEnvironment(this IConfigurationBuilder builder) =>
        builder.AddAmaniValues(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(entry => entry.Key is string name && name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(entry => (string)entry.Key, entry => entry.Value as string));

    private static IConfigurationBuilder AddAmaniValues(this IConfigurationBuilder builder, IReadOnlyDictionary<string, string?> values) =>
        builder.AddInMemoryCollection(values
            .Where(value => !string.IsNullOrWhiteSpace(value.Value))
            .Select(value => KeyValuePair.Create(value.Key, (string?)value.Value!.Trim())));
}
