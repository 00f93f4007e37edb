using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amani.Problems;

/// <summary>JSON conventions of the API: camelCase names, enums as camelCase names only (no numbers), strict reading.</summary>
public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
    }
}
