using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Amani.Platform.Records;
using NetTopologySuite.Features;

namespace Amani.Foundation.Areas;

/// <summary>
/// One feature of a boundary file with its fields picked out. <see cref="Error"/> is set when the feature is refused;
/// <see cref="Boundary"/> holds the (possibly repaired) geometry otherwise.
/// </summary>
public sealed record AreaFeature(int Index, string? PCode, string? Name, string? ParentPCode, string? ParentName, string? AlternativeNames,
    BoundaryGeometry.Reading Boundary, string? Error);

/// <summary>
/// Reads a GeoJSON FeatureCollection of admin boundaries (UTF-8, with or without BOM). A file that is not UTF-8 JSON
/// or not a FeatureCollection is refused as a whole; a bad feature is refused alone, with its index and reason — so the
/// collection is walked feature by feature, and each feature's properties and geometry are read by GeoJSON4STJ
/// separately (a geometry the reader refuses still leaves the feature's P-code for the message).
/// Property defaults (case-insensitive): P-code <c>pcode</c>, <c>ADM{n}_PCODE</c>, <c>hasc</c>, <c>iso3166_2</c>;
/// name <c>name</c>, <c>ADM{n}_EN</c>, <c>ADM{n}_NAME</c>; parent P-code <c>parent_pcode</c>, <c>ADM{n-1}_PCODE</c>;
/// parent name <c>parent_name</c>, <c>ADM{n-1}_EN</c>; other names <c>name_en</c>, <c>name_fr</c>, <c>name_variants</c> ('|'-separated).
/// </summary>
public static class AreaFeatures
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static async Task<Outcome<JsonDocument>> ParseAsync(Stream file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Bom))
            bytes = bytes[Bom.Length..];
        if (!Utf8.IsValid(bytes.Span))
            return Refusal.Invalid("file", "The file is not UTF-8 text (it may be Latin-1 or UTF-16). Save it as UTF-8 " +
                "(e.g. 'iconv -f latin1 -t utf-8 in.geojson > out.geojson') and import it again. Nothing was written.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray());
        }
        catch (JsonException ex)
        {
            return Refusal.Invalid("file", $"The file is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): " +
                "is it complete, and GeoJSON? Nothing was written.");
        }
        var root = document.RootElement;
        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "FeatureCollection" || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            return Refusal.Invalid("file", $"The file is {(type is null ? "not a GeoJSON object" : $"a GeoJSON {type}")}, not a " +
                "FeatureCollection with a 'features' array. Send a FeatureCollection of Polygon or MultiPolygon features. Nothing was written.");
        }
        if (features.GetArrayLength() == 0)
        {
            document.Dispose();
            return Refusal.Invalid("file", "The FeatureCollection has no features. Nothing was written.");
        }
        return Outcome<JsonDocument>.Ok(document);
    }

    /// <summary>
    /// Security finding 8: a file whose boundaries are too detailed to serve is refused as a whole, before anything is read
    /// into geometries — a feature above <see cref="AreaLimits.MaxVerticesPerArea"/> positions (named by its index and
    /// P-code), or a file above <see cref="AreaLimits.MaxVerticesPerImport"/> in all. The positions are counted on the
    /// JSON itself (arrays of numbers at any depth of <c>coordinates</c>).
    /// </summary>
    public static Refusal? TooDetailed(JsonDocument document, AreaImportOptions options)
    {
        var (index, total) = (0, 0L);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var positions = feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("geometry", out var geometry) &&
                            geometry.ValueKind == JsonValueKind.Object && geometry.TryGetProperty("coordinates", out var coordinates)
                ? Positions(coordinates)
                : 0;
            if (positions > AreaLimits.MaxVerticesPerArea)
            {
                var pCode = ReadOne(index, feature, options, geometry: false).PCode;
                return Refusal.Invalid("file", $"features[{index}]{(pCode is null ? "" : $" ({pCode})")} has {AreaLimits.Count(positions)} " +
                    $"positions; an area's boundary may have at most {AreaLimits.Count(AreaLimits.MaxVerticesPerArea)}. Simplify the file " +
                    "(e.g. 'mapshaper in.geojson -simplify 10% keep-shapes -o out.geojson', or QGIS's Simplify) and import it again. Nothing was written.");
            }
            total += positions;
            index++;
        }
        return total <= AreaLimits.MaxVerticesPerImport ? null
            : Refusal.Invalid("file", $"The file's boundaries have {AreaLimits.Count(total)} positions in all; a file may have at most " +
                $"{AreaLimits.Count(AreaLimits.MaxVerticesPerImport)}. Simplify it or split it, and import it again. Nothing was written.");
    }

    /// <summary>The positions (arrays whose first item is a number) in a <c>coordinates</c> array, at any depth.</summary>
    private static long Positions(JsonElement coordinates)
    {
        if (coordinates.ValueKind != JsonValueKind.Array)
            return 0;
        long count = 0;
        foreach (var item in coordinates.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number)
                return 1;
            count += Positions(item);
        }
        return count;
    }

    public static IEnumerable<AreaFeature> Read(JsonDocument document, AreaImportOptions options)
    {
        var index = 0;
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
            yield return ReadOne(index++, feature, options);
    }

    private static AreaFeature ReadOne(int index, JsonElement feature, AreaImportOptions options, bool geometry = true)
    {
        var none = BoundaryGeometry.Reading.Refused("");
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String ||
            type.GetString() != "Feature")
            return new AreaFeature(index, null, null, null, null, null, none, "it is not a GeoJSON Feature.");
        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.Deserialize<IAttributesTable>(GeoJsonGeometry.Options)
            : null;
        var n = options.Level;
        var pCode = Pick(properties, options.PCodeProperty, "pcode", $"ADM{n}_PCODE", "hasc", "iso3166_2");
        var name = Pick(properties, options.NameProperty, "name", $"ADM{n}_EN", $"ADM{n}_NAME");
        var parentPCode = Pick(properties, options.ParentPCodeProperty, "parent_pcode", $"ADM{n - 1}_PCODE");
        var parentName = Pick(properties, null, "parent_name", $"ADM{n - 1}_EN", $"ADM{n - 1}_NAME");
        var alternatives = AlternativeNames(properties, name);
        var boundary = !geometry ? none : BoundaryGeometry.Read(feature.TryGetProperty("geometry", out var g) ? g : default);

        string? error = pCode switch
        {
            null => $"it has no P-code: none of the properties {(options.PCodeProperty ?? $"pcode, ADM{n}_PCODE, hasc, iso3166_2")} has a value.",
            { Length: > AreaLimits.PCode } => $"its P-code is longer than {AreaLimits.PCode} characters.",
            _ => null,
        };
        error ??= name switch
        {
            null => $"it has no name: none of the properties {(options.NameProperty ?? $"name, ADM{n}_EN, ADM{n}_NAME")} has a value.",
            { Length: > AreaLimits.Name } => $"its name is longer than {AreaLimits.Name} characters.",
            _ => null,
        };
        error ??= boundary.Error;
        return new AreaFeature(index, pCode, name, parentPCode, parentName, alternatives, boundary, error);
    }

    /// <summary>The named property (when given), else the first of the defaults with a value; numbers count as text.</summary>
    private static string? Pick(IAttributesTable? properties, string? chosen, params string[] defaults)
    {
        if (properties is null)
            return null;
        var names = properties.GetNames();
        foreach (var wanted in chosen is null ? defaults : [chosen])
            foreach (var name in names)
                if (string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase) && Text(properties, name) is { } value)
                    return value;
        return null;
    }

    /// <summary>
    /// A property as text: strings trimmed, numbers (GeoJSON4STJ reads them as <see cref="decimal"/>) in invariant
    /// form; anything else, and a number too large for a decimal, has no text.
    /// </summary>
    private static string? Text(IAttributesTable properties, string name)
    {
        object? value;
        try
        {
            value = properties.GetOptionalValue(name);
        }
        catch (NotSupportedException) // GeoJSON4STJ cannot box a number beyond ±7.9e28 as a decimal
        {
            return null;
        }
        return value switch
        {
            string text when !string.IsNullOrWhiteSpace(text) => text.Trim(),
            decimal number => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static string? AlternativeNames(IAttributesTable? properties, string? name)
    {
        var names = new[] { "name_en", "name_fr", "name_variants" }
            .Select(property => Pick(properties, property))
            .OfType<string>()
            .SelectMany(value => value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(alternative => !string.Equals(alternative, name, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
        var kept = new List<string>();
        var length = 0;
        foreach (var alternative in names)
        {
            if (length + alternative.Length + 1 > AreaLimits.AlternativeNames)
                break;
            kept.Add(alternative);
            length += alternative.Length + 1;
        }
        return kept.Count == 0 ? null : string.Join('|', kept);
    }
}
