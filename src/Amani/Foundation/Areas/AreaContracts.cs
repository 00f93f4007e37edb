using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Amani.Foundation.Areas;

public sealed record AreaResponse(string PCode, string Name, int Level, string? ParentPCode, double? CentroidLatitude,
    double? CentroidLongitude, bool HasGeometry);

public sealed record AreaDetailResponse(string PCode, string Name, int Level, string? ParentPCode, double? CentroidLatitude,
    double? CentroidLongitude, JsonElement? Geometry);

public sealed record CreateAreaRequest(
    [property: Required, StringLength(AreaLimits.PCode, MinimumLength = 1)] string PCode,
    [property: Required, StringLength(AreaLimits.Name, MinimumLength = 1)] string Name,
    [property: Range(0, AreaLimits.MaxLevel)] int Level,
    [property: StringLength(AreaLimits.PCode)] string? ParentPCode,
    JsonElement? Geometry,
    [property: Range(-90.0, 90.0)] double? CentroidLatitude,
    [property: Range(-180.0, 180.0)] double? CentroidLongitude);
