using System.Text.Json;

namespace Amani.Governance.Results.Exchange;

/// <summary>
/// DHIS2's <c>dataValueSets</c> JSON, as its Web API reads and writes it:
/// <c>{"dataSet"?, "completeDate"?, "period"?, "orgUnit"?, "attributeOptionCombo"?, "dataValues": [{"dataElement",
/// "period", "orgUnit", "categoryOptionCombo"?, "attributeOptionCombo"?, "value", "storedBy"?, "created"?,
/// "lastUpdated"?, "comment"?, "followup"?}]}</c>. The top-level <c>period</c>, <c>orgUnit</c> and
/// <c>attributeOptionCombo</c> are the defaults of data values that leave them out; <c>dataSet</c>,
/// <c>completeDate</c>, <c>storedBy</c>, <c>created</c> and <c>lastUpdated</c> are read past (Amani records who entered
/// a value and when itself). Identifiers are codes (DHIS2's <c>idScheme=CODE</c>): <c>dataElement</c> is the indicator's
/// code, <c>orgUnit</c> an area's P-code, <c>categoryOptionCombo</c> Amani's disaggregation key
/// (<c>age:18-59,sex:female</c>), absent for a total — DHIS2's default combination (<see cref="DefaultCombo"/> or
/// <c>default</c>) reads as the total.
/// </summary>
public static class Dhis2ValueSets
{
    /// <summary>The id of DHIS2's default category option combination (the total), the same on every DHIS2 server.</summary>
    public const string DefaultCombo = "HllvX50cXC0";

    public const string ContentType = "application/json";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <summary>
    /// Reads a file. A body that is not JSON, or not of the shape above (the root, <c>dataValues</c>, a data value that is
    /// not an object), cannot be read: the problem names the JSON path. A value of the wrong JSON type inside a data
    /// value (a <c>value</c> that is neither a number nor a string of one, a <c>followup</c> that is not true or false)
    /// refuses that data value, named <c>dataValues[i]</c>, and the file is still read through.
    /// </summary>
    public static async Task<ExchangeRead> ReadAsync(Stream json, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(json, Options, cancellationToken);
        }
        catch (JsonException invalid)
        {
            return ExchangeRead.Unreadable($"The file is not valid JSON (line {invalid.LineNumber + 1}, byte {invalid.BytePositionInLine + 1}): " +
                                           $"{invalid.Message.Split(" LineNumber:")[0]}");
        }
        using (document)
            return Read(document.RootElement);
    }

    private static ExchangeRead Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return ExchangeRead.Unreadable("$: a dataValueSet is a JSON object, {\"dataValues\": [ … ]}.");
        var defaults = new Dictionary<string, string?>();
        foreach (var name in new[] { "period", "orgUnit", "attributeOptionCombo" })
        {
            if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
                continue;
            if (property.ValueKind != JsonValueKind.String)
                return ExchangeRead.Unreadable($"$.{name}: give the default {name} of the data values as a string.");
            defaults[name] = property.GetString();
        }
        if (!root.TryGetProperty("dataValues", out var values) || values.ValueKind != JsonValueKind.Array)
            return ExchangeRead.Unreadable("$.dataValues: a dataValueSet lists its values in an array \"dataValues\".");
        var lines = new List<CodedValueInput>();
        var refused = new List<ValueReject>();
        var index = 0;
        foreach (var element in values.EnumerateArray())
        {
            var where = $"dataValues[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
                return ExchangeRead.Unreadable($"$.{where}: a data value is a JSON object with dataElement, period, orgUnit and value.");
            if (lines.Count > Values.ValueRules.MaxLines)
                break; // the rules refuse the batch as too large; reading on would only hold more in memory
            var line = new DataValueReader(element, where, defaults);
            lines.Add(line.Line());
            refused.AddRange(line.Refused);
        }
        return new ExchangeRead(new ExchangeFile(lines, refused), null);
    }

    /// <summary>Reads one data value, noting every field of the wrong JSON type.</summary>
    private sealed class DataValueReader(JsonElement element, string where, IReadOnlyDictionary<string, string?> defaults)
    {
        public List<ValueReject> Refused { get; } = [];

        public CodedValueInput Line()
        {
            var indicator = Text("dataElement");
            var period = Text("period") ?? defaults.GetValueOrDefault("period");
            var orgUnit = Text("orgUnit") ?? defaults.GetValueOrDefault("orgUnit");
            var combo = Text("categoryOptionCombo");
            var attribute = Text("attributeOptionCombo") ?? defaults.GetValueOrDefault("attributeOptionCombo");
            if (!IsDefault(attribute))
                Refuse("attributeOptionCombo", $"Amani has no attribute option combinations: '{attribute}' cannot be read (leave it out, or give 'default').");
            var value = Number("value");
            var comment = Text("comment");
            var followUp = Flag("followup") || Flag("followUp");
            if (element.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True)
                Refuse("deleted", "An import does not delete values: leave out the data values marked deleted.");
            var input = new ValueInput(period, orgUnit, IsDefault(combo) ? "" : combo, value, null, null, comment, followUp);
            return new CodedValueInput(where, indicator, Refused.Count > 0 ? ExchangeText.Unenterable(input) : input);
        }

        private static bool IsDefault(string? combo) =>
            string.IsNullOrWhiteSpace(combo) || combo.Trim() is DefaultCombo || string.Equals(combo.Trim(), "default", StringComparison.OrdinalIgnoreCase);

        private string? Text(string name)
        {
            if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
                return null;
            if (property.ValueKind == JsonValueKind.String)
                return property.GetString();
            Refuse(name, $"Give {name} as a JSON string, not {Kind(property)}.");
            return null;
        }

        private double? Number(string name)
        {
            if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
                return null;
            if (property.ValueKind == JsonValueKind.Number && property.TryGetDouble(out var number) && double.IsFinite(number))
                return number;
            if (property.ValueKind == JsonValueKind.String && ExchangeText.TryNumber(property.GetString(), out var parsed))
                return parsed;
            Refuse(name, property.ValueKind == JsonValueKind.String
                ? $"'{property.GetString()}' is not a number: write it with a point for decimals (12.5)."
                : $"Give the {name} as a number or a string of one (\"12.5\"), not {Kind(property)}.");
            return null;
        }

        private bool Flag(string name)
        {
            if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
                return false;
            if (property.ValueKind is JsonValueKind.True or JsonValueKind.False)
                return property.GetBoolean();
            if (property.ValueKind == JsonValueKind.String && ExchangeText.TryFlag(property.GetString(), out var flag))
                return flag;
            Refuse(name, $"Give {name} as true or false, not {Kind(property)}.");
            return false;
        }

        private void Refuse(string field, string message) => Refused.Add(new ValueReject(where, field, message));

        private static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.Number => $"the number {value.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => $"'{value.GetString()}'",
        };
    }

    /// <summary>
    /// Writes <paramref name="rows"/> as one dataValueSet: a value for the whole mission with <paramref name="missionOrgUnit"/>
    /// (the mission's country area) as its orgUnit; the value as a string, as DHIS2 writes it; the comment, the follow-up
    /// flag and the time it was entered (<c>lastUpdated</c>). Numerators and denominators have no place in the format
    /// (DHIS2 keeps them as separate data elements); the CSV export carries them. Returns how many values were written.
    /// </summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<ExchangeRow> rows, string missionOrgUnit, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        json.WriteStartObject();
        json.WriteStartArray("dataValues");
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("dataElement", row.Indicator);
            json.WriteString("period", row.Period);
            json.WriteString("orgUnit", row.Area.Length == 0 ? missionOrgUnit : row.Area);
            if (row.Disaggregation.Length > 0)
                json.WriteString("categoryOptionCombo", row.Disaggregation);
            json.WriteString("value", ExchangeText.Number(row.Value));
            json.WriteString("lastUpdated", DateTime.SpecifyKind(row.EnteredAt, DateTimeKind.Utc));
            if (row.Comment is { Length: > 0 } comment)
                json.WriteString("comment", comment);
            json.WriteBoolean("followup", row.FollowUp);
            json.WriteEndObject();
            if (++count % 500 == 0)
                await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return count;
    }
}
